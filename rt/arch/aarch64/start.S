// AArch64 process entry. The kernel starts _start with sp pointing at argc, 16-byte aligned
// (AAPCS64 requires sp % 16 == 0 at all times). x29 (frame pointer) and x30 (link register)
// are cleared to end backtraces.
    .text
    .globl _start
    .type _start, %function
_start:
    mov x29, #0
    mov x30, #0
    mov x0, sp
    and x1, x0, #-16
    mov sp, x1
    bl __bedrock_start
    brk #0
    .size _start, . - _start
    .section .note.GNU-stack, "", %progbits
