// arm/thumb2 process entry (assembled as ARM or Thumb-2, whichever -marm/-mthumb selects; the
// entry address then carries the Thumb bit, which the kernel's start_thread turns into the
// T bit, arch/arm/include/asm/processor.h). The kernel enters _start with sp pointing at argc,
// r0 = 0 (ELF_PLAT_INIT, arch/arm/include/asm/elf.h; an atexit function elsewhere, ignored)
// and no return address. Both frame pointers (r11 in ARM, r7 in Thumb code) and lr are
// cleared to end backtraces; AAPCS §6.2.1.2 requires sp 8-byte aligned at a public call, so sp
// is rounded down (through r1: Thumb-2 cannot BIC into sp).
    .syntax unified
    .text
    .globl _start
    .type _start, %function
_start:
    mov r11, #0
    mov r7, #0
    mov lr, #0
    mov r0, sp
    bic r1, r0, #7
    mov sp, r1
    bl __bedrock_start
    udf #0
    .size _start, . - _start
    .section .note.GNU-stack, "", %progbits
