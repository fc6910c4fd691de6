// sparc / sparc64 process entry. The kernel starts _start with %sp one register-window save
// area below argc: argc is at %sp + 64 on sparc32 (16 words of 4 bytes), and on sparc64 at
// %sp + 2047 + 128, because the 64-bit ABI biases %sp by STACK_BIAS (2047) and a save area
// is 16 x 8 bytes; argc's address is 16-byte aligned (STACK_ROUND). %g1 may hold a function
// for atexit (0 for static executables; ignored). A call needs a frame of its own below the
// save area the kernel left: 96 bytes on sparc32 (16-word save area, hidden struct-return
// word, 6 argument-dump words; 8-byte aligned, SPARC psABI 3-35), 176 bytes on sparc64
// (128-byte save area + 6 x 8 argument slots; 16-byte aligned, %sp kept biased; SPARC V9
// psABI 3-22). %fp and %i7 are cleared to end backtraces.
// Sources: arch/sparc/include/asm/processor_{32,64}.h (start_thread, start_thread32),
// fs/binfmt_elf.c (create_elf_tables, STACK_ROUND).
    .text
    .align 4
    .globl _start
    .type _start, #function
_start:
    mov %g0, %fp
    mov %g0, %i7
#ifdef __arch64__
    add %sp, 2047 + 128, %o0        // long* sp: the address of argc
    add %sp, 2047, %o1              // unbiased stack pointer
    sub %o1, 176, %o1
    and %o1, -16, %o1
    sub %o1, 2047, %sp
#else
    add %sp, 64, %o0
    sub %sp, 96, %sp
    and %sp, -8, %sp
#endif
    call __bedrock_start
     nop
    unimp 0
    .size _start, . - _start
    .section .note.GNU-stack, "", @progbits
