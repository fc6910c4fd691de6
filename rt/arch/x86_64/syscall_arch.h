// x86_64 (System V AMD64 ABI, Linux syscall convention): `syscall` with the number in rax and
// arguments in rdi, rsi, rdx, r10, r8, r9; the kernel clobbers rcx and r11. The result comes
// back in rax, with -4095..-1 meaning -errno, which is already the normalized form.
// Sources: arch/x86/entry/entry_64.S (register use), x86-64 psABI §A.2.1.
#pragma once

namespace rt::arch {

using Word = long;

inline Word syscall0(Word n) {
    Word r;
    asm volatile("syscall" : "=a"(r) : "a"(n) : "rcx", "r11", "memory");
    return r;
}
inline Word syscall1(Word n, Word a) {
    Word r;
    asm volatile("syscall" : "=a"(r) : "a"(n), "D"(a) : "rcx", "r11", "memory");
    return r;
}
inline Word syscall2(Word n, Word a, Word b) {
    Word r;
    asm volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b) : "rcx", "r11", "memory");
    return r;
}
inline Word syscall3(Word n, Word a, Word b, Word c) {
    Word r;
    asm volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
    return r;
}
inline Word syscall4(Word n, Word a, Word b, Word c, Word d) {
    Word r;
    register Word r10 asm("r10") = d;
    asm volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10) : "rcx", "r11", "memory");
    return r;
}
inline Word syscall5(Word n, Word a, Word b, Word c, Word d, Word e) {
    Word r;
    register Word r10 asm("r10") = d;
    register Word r8 asm("r8") = e;
    asm volatile("syscall"
                 : "=a"(r)
                 : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8)
                 : "rcx", "r11", "memory");
    return r;
}
inline Word syscall6(Word n, Word a, Word b, Word c, Word d, Word e, Word f) {
    Word r;
    register Word r10 asm("r10") = d;
    register Word r8 asm("r8") = e;
    register Word r9 asm("r9") = f;
    asm volatile("syscall"
                 : "=a"(r)
                 : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
                 : "rcx", "r11", "memory");
    return r;
}

} // namespace rt::arch
