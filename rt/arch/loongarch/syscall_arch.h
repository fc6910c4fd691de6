// LoongArch64 (LP64D psABI, Linux): `syscall 0` with the number in a7 and arguments in a0-a5;
// the result in a0, -4095..-1 meaning -errno (already normalized). The kernel may clobber the
// temporaries t0-t8. Sources: arch/loongarch/kernel/syscall.c, arch/loongarch/kernel/entry.S
// (handle_syscall saves only what it must), LoongArch ELF psABI (register roles).
#pragma once

namespace rt::arch {

using Word = long;

#define RT_LOONGARCH_SYSCALL(...)                                                              \
    register Word a7 asm("$a7") = n;                                                           \
    asm volatile("syscall 0"                                                                  \
                 : "=r"(a0)                                                                    \
                 : "r"(a7) __VA_ARGS__                                                         \
                 : "memory", "$t0", "$t1", "$t2", "$t3", "$t4", "$t5", "$t6", "$t7", "$t8"); \
    return a0

inline Word syscall0(Word n) {
    register Word a0 asm("$a0");
    RT_LOONGARCH_SYSCALL();
}
inline Word syscall1(Word n, Word a) {
    register Word a0 asm("$a0") = a;
    RT_LOONGARCH_SYSCALL(, "0"(a0));
}
inline Word syscall2(Word n, Word a, Word b) {
    register Word a0 asm("$a0") = a;
    register Word a1 asm("$a1") = b;
    RT_LOONGARCH_SYSCALL(, "0"(a0), "r"(a1));
}
inline Word syscall3(Word n, Word a, Word b, Word c) {
    register Word a0 asm("$a0") = a;
    register Word a1 asm("$a1") = b;
    register Word a2 asm("$a2") = c;
    RT_LOONGARCH_SYSCALL(, "0"(a0), "r"(a1), "r"(a2));
}
inline Word syscall4(Word n, Word a, Word b, Word c, Word d) {
    register Word a0 asm("$a0") = a;
    register Word a1 asm("$a1") = b;
    register Word a2 asm("$a2") = c;
    register Word a3 asm("$a3") = d;
    RT_LOONGARCH_SYSCALL(, "0"(a0), "r"(a1), "r"(a2), "r"(a3));
}
inline Word syscall5(Word n, Word a, Word b, Word c, Word d, Word e) {
    register Word a0 asm("$a0") = a;
    register Word a1 asm("$a1") = b;
    register Word a2 asm("$a2") = c;
    register Word a3 asm("$a3") = d;
    register Word a4 asm("$a4") = e;
    RT_LOONGARCH_SYSCALL(, "0"(a0), "r"(a1), "r"(a2), "r"(a3), "r"(a4));
}
inline Word syscall6(Word n, Word a, Word b, Word c, Word d, Word e, Word f) {
    register Word a0 asm("$a0") = a;
    register Word a1 asm("$a1") = b;
    register Word a2 asm("$a2") = c;
    register Word a3 asm("$a3") = d;
    register Word a4 asm("$a4") = e;
    register Word a5 asm("$a5") = f;
    RT_LOONGARCH_SYSCALL(, "0"(a0), "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a5));
}

#undef RT_LOONGARCH_SYSCALL

} // namespace rt::arch
