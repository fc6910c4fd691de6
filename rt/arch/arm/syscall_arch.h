// arm and thumb2 (Linux EABI, armv7-a): `svc 0` with the number in r7 and arguments in r0-r5;
// the kernel preserves every register but r0, which returns the result, -4095..-1 meaning
// -errno (already the normalized form). Sources: arch/arm/kernel/entry-common.S (vector_swi:
// "Pure EABI user space always put syscall number into scno (r7)", r4/r5 pushed as the fifth
// and sixth arguments; ret_fast_syscall), entry-header.S (scno .req r7; restore_user_regs
// fast=1 reloads r1-lr).
//
// r7 in Thumb: Thumb code uses r7 as its frame pointer (ARM code uses r11), and both compilers
// refuse an asm operand bound to r7 in a Thumb function that keeps a frame pointer (-O0, or a
// caller with a VLA it is inlined into: GCC 12 "r7 cannot be used in 'asm' here", clang-19
// "write to reserved register 'R7'"). Requiring -fomit-frame-pointer would make it depend on the
// user's flags, so in Thumb the number goes in any register and the asm itself saves r7 in a
// scratch register, loads the number, issues svc and restores r7 (musl's technique,
// arch/arm/syscall_arch.h). The scratch is an early-clobber output, so it never aliases the
// number or an argument; whichever registers the compiler picks, r7 is left as it was. In ARM
// mode r7 is an ordinary register and is bound directly.
#pragma once

namespace rt::arch {

using Word = long;

#if defined(__thumb__)
#define RT_ARM_SYSCALL(...)                                                                                  \
    Word tmp;                                                                                                \
    asm volatile("mov %1, r7\n\tmov r7, %2\n\tsvc 0\n\tmov r7, %1"                                          \
                 : "=r"(r0), "=&r"(tmp)                                                                      \
                 : "r"(n)__VA_OPT__(, ) __VA_ARGS__                                                         \
                 : "memory");                                                                                \
    return r0
#else
#define RT_ARM_SYSCALL(...)                                                                                  \
    register Word r7 asm("r7") = n;                                                                          \
    asm volatile("svc 0" : "=r"(r0) : "r"(r7)__VA_OPT__(, ) __VA_ARGS__ : "memory");                         \
    return r0
#endif

inline Word syscall0(Word n) {
    register Word r0 asm("r0");
    RT_ARM_SYSCALL();
}
inline Word syscall1(Word n, Word a) {
    register Word r0 asm("r0") = a;
    RT_ARM_SYSCALL("0"(r0));
}
inline Word syscall2(Word n, Word a, Word b) {
    register Word r0 asm("r0") = a;
    register Word r1 asm("r1") = b;
    RT_ARM_SYSCALL("0"(r0), "r"(r1));
}
inline Word syscall3(Word n, Word a, Word b, Word c) {
    register Word r0 asm("r0") = a;
    register Word r1 asm("r1") = b;
    register Word r2 asm("r2") = c;
    RT_ARM_SYSCALL("0"(r0), "r"(r1), "r"(r2));
}
inline Word syscall4(Word n, Word a, Word b, Word c, Word d) {
    register Word r0 asm("r0") = a;
    register Word r1 asm("r1") = b;
    register Word r2 asm("r2") = c;
    register Word r3 asm("r3") = d;
    RT_ARM_SYSCALL("0"(r0), "r"(r1), "r"(r2), "r"(r3));
}
inline Word syscall5(Word n, Word a, Word b, Word c, Word d, Word e) {
    register Word r0 asm("r0") = a;
    register Word r1 asm("r1") = b;
    register Word r2 asm("r2") = c;
    register Word r3 asm("r3") = d;
    register Word r4 asm("r4") = e;
    RT_ARM_SYSCALL("0"(r0), "r"(r1), "r"(r2), "r"(r3), "r"(r4));
}
inline Word syscall6(Word n, Word a, Word b, Word c, Word d, Word e, Word f) {
    register Word r0 asm("r0") = a;
    register Word r1 asm("r1") = b;
    register Word r2 asm("r2") = c;
    register Word r3 asm("r3") = d;
    register Word r4 asm("r4") = e;
    register Word r5 asm("r5") = f;
    RT_ARM_SYSCALL("0"(r0), "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r5));
}

#undef RT_ARM_SYSCALL

} // namespace rt::arch
