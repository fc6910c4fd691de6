// i386 process entry. The kernel starts _start with esp pointing at argc and edx holding an
// atexit function (0 for static executables, ignored). The i386 psABI as Linux uses it wants
// esp 16-byte aligned at a call (before the return address is pushed). ebp is cleared to end
// backtraces.
    .text
    .globl _start
    .type _start, @function
_start:
    xor %ebp, %ebp
    mov %esp, %eax
    and $-16, %esp
    sub $12, %esp
    push %eax
    call __bedrock_start
    hlt
    .size _start, . - _start
    .section .note.GNU-stack, "", @progbits
