// x86_64 process entry. The kernel starts _start with rsp pointing at argc (16-byte aligned,
// System V psABI §3.4.1), rdx holding a function for atexit (0 for static executables, ignored
// here) and no return address. rbp is cleared to end frame-pointer backtraces; the call needs
// rsp 16-byte aligned before it, which the initial rsp already is.
    .text
    .globl _start
    .type _start, @function
_start:
    xor %ebp, %ebp
    mov %rsp, %rdi
    and $-16, %rsp
    call __bedrock_start
    hlt
    .size _start, . - _start
    .section .note.GNU-stack, "", @progbits
