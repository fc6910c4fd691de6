// s390x process entry. The kernel starts _start with r15 pointing at argc (start_thread:
// gprs[15] = the stack pointer binfmt_elf computed, 16-byte aligned by STACK_ROUND). The
// s390x ELF ABI requires a caller to provide a 160-byte register save area at 0(r15) for its
// callee, with the back chain (the caller's r15) in its first doubleword, zero in the
// outermost frame, and r15 8-byte aligned (it is kept 16-aligned here). r2 carries the first
// argument; brasl puts the return address in r14.
// Sources: arch/s390/include/asm/processor.h (start_thread), fs/binfmt_elf.c
// (create_elf_tables, STACK_ROUND), s390x ELF ABI Supplement (Stack Frame, Register usage).
    .text
    .align 8
    .globl _start
    .type _start, @function
_start:
    lgr %r2, %r15                   // long* sp: the address of argc
    aghi %r15, -160
    nill %r15, 0xfff0               // 16-byte alignment (more than the ABI's 8)
    xc 0(8, %r15), 0(%r15)          // back chain 0: the outermost frame
    brasl %r14, __bedrock_start
    .short 0                        // illegal instruction: __bedrock_start never returns
    .size _start, . - _start
    .section .note.GNU-stack, "", @progbits
