// AArch64 (AAPCS64, Linux; little- and big-endian alike): `svc #0` with the number in x8 and
// arguments in x0-x5; the result in x0, -4095..-1 meaning -errno (already normalized). The
// kernel preserves every other register. Sources: arch/arm64/kernel/syscall.c (invoke_syscall),
// arch/arm64/include/asm/syscall.h.
#pragma once

namespace rt::arch {

using Word = long;

#define RT_AARCH64_SVC(...)                                                    \
    register Word x8 asm("x8") = n;                                            \
    asm volatile("svc #0" : "=r"(x0) : "r"(x8) __VA_ARGS__ : "memory", "cc"); \
    return x0

inline Word syscall0(Word n) {
    register Word x0 asm("x0");
    RT_AARCH64_SVC();
}
inline Word syscall1(Word n, Word a) {
    register Word x0 asm("x0") = a;
    RT_AARCH64_SVC(, "0"(x0));
}
inline Word syscall2(Word n, Word a, Word b) {
    register Word x0 asm("x0") = a;
    register Word x1 asm("x1") = b;
    RT_AARCH64_SVC(, "0"(x0), "r"(x1));
}
inline Word syscall3(Word n, Word a, Word b, Word c) {
    register Word x0 asm("x0") = a;
    register Word x1 asm("x1") = b;
    register Word x2 asm("x2") = c;
    RT_AARCH64_SVC(, "0"(x0), "r"(x1), "r"(x2));
}
inline Word syscall4(Word n, Word a, Word b, Word c, Word d) {
    register Word x0 asm("x0") = a;
    register Word x1 asm("x1") = b;
    register Word x2 asm("x2") = c;
    register Word x3 asm("x3") = d;
    RT_AARCH64_SVC(, "0"(x0), "r"(x1), "r"(x2), "r"(x3));
}
inline Word syscall5(Word n, Word a, Word b, Word c, Word d, Word e) {
    register Word x0 asm("x0") = a;
    register Word x1 asm("x1") = b;
    register Word x2 asm("x2") = c;
    register Word x3 asm("x3") = d;
    register Word x4 asm("x4") = e;
    RT_AARCH64_SVC(, "0"(x0), "r"(x1), "r"(x2), "r"(x3), "r"(x4));
}
inline Word syscall6(Word n, Word a, Word b, Word c, Word d, Word e, Word f) {
    register Word x0 asm("x0") = a;
    register Word x1 asm("x1") = b;
    register Word x2 asm("x2") = c;
    register Word x3 asm("x3") = d;
    register Word x4 asm("x4") = e;
    register Word x5 asm("x5") = f;
    RT_AARCH64_SVC(, "0"(x0), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5));
}

#undef RT_AARCH64_SVC

} // namespace rt::arch
