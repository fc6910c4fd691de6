// sparc (32-bit, `ta 0x10`) and sparc64 (`ta 0x6d`) Linux syscall convention: number in %g1,
// arguments in %o0-%o5, result in %o0. On failure the kernel sets the carry flag (icc.C on
// 32-bit; both icc.C and xcc.C on 64-bit, tested here on xcc) and leaves the *positive* errno
// in %o0, which is negated here to the -errno form. fork/clone also write %o1 (1 in the child,
// 0 in the parent), so %o1 is always an output; the condition codes and memory are clobbered.
// The number is moved into %g1 inside the asm statement (%g1 clobbered), not bound to it by a
// register variable: LLVM's SPARC backend takes %g1 as its scratch register for stack offsets
// beyond the 13-bit immediate, and so overwrote a bound %g1 between its assignment and the
// trap (seen with clang: openat issued with a stack address as its number, in a function with
// a 4 KiB buffer). The kernel saves and restores every other register across the trap.
// Sources: arch/sparc/kernel/entry.S (linux_sparc_syscall, ret_sys_call: PSR_C, `sub %g0, %o0`),
// arch/sparc/kernel/syscalls.S (ret_sys_call: TSTATE_XCARRY | TSTATE_ICARRY),
// arch/sparc/kernel/ttable_64.S (tl0_linux32 at 0x110 = `ta 0x10`, tl0_linux64 at 0x16d =
// `ta 0x6d`), ttable_32.S (t_linux at 0x90 = `ta 0x10`),
// arch/sparc/kernel/process_{32,64}.c (copy_thread: %o1 of the child = 1, of the parent = 0).
#pragma once

// The trap and the carry test, shared with arch_abi.h (clone_fork); %[nr] is the number.
#if defined(__arch64__)
#define RT_SPARC_SYSCALL "mov %[nr], %%g1\n\tta 0x6d\n\tbcs,a,pn %%xcc, 1f\n\t sub %%g0, %%o0, %%o0\n1:"
#else
#define RT_SPARC_SYSCALL "mov %[nr], %%g1\n\tta 0x10\n\tbcs,a 1f\n\t sub %%g0, %%o0, %%o0\n1:"
#endif

namespace rt::arch {

using Word = long;

inline Word syscall0(Word n) {
    register Word o0 asm("o0");
    register Word o1 asm("o1");
    asm volatile(RT_SPARC_SYSCALL : "=r"(o0), "=r"(o1) : [nr] "r"(n) : "g1", "cc", "memory");
    return o0;
}
inline Word syscall1(Word n, Word a) {
    register Word o0 asm("o0") = a;
    register Word o1 asm("o1");
    asm volatile(RT_SPARC_SYSCALL : "+r"(o0), "=r"(o1) : [nr] "r"(n) : "g1", "cc", "memory");
    return o0;
}
inline Word syscall2(Word n, Word a, Word b) {
    register Word o0 asm("o0") = a;
    register Word o1 asm("o1") = b;
    asm volatile(RT_SPARC_SYSCALL : "+r"(o0), "+r"(o1) : [nr] "r"(n) : "g1", "cc", "memory");
    return o0;
}
inline Word syscall3(Word n, Word a, Word b, Word c) {
    register Word o0 asm("o0") = a;
    register Word o1 asm("o1") = b;
    register Word o2 asm("o2") = c;
    asm volatile(RT_SPARC_SYSCALL : "+r"(o0), "+r"(o1) : [nr] "r"(n), "r"(o2) : "g1", "cc", "memory");
    return o0;
}
inline Word syscall4(Word n, Word a, Word b, Word c, Word d) {
    register Word o0 asm("o0") = a;
    register Word o1 asm("o1") = b;
    register Word o2 asm("o2") = c;
    register Word o3 asm("o3") = d;
    asm volatile(RT_SPARC_SYSCALL : "+r"(o0), "+r"(o1) : [nr] "r"(n), "r"(o2), "r"(o3) : "g1", "cc", "memory");
    return o0;
}
inline Word syscall5(Word n, Word a, Word b, Word c, Word d, Word e) {
    register Word o0 asm("o0") = a;
    register Word o1 asm("o1") = b;
    register Word o2 asm("o2") = c;
    register Word o3 asm("o3") = d;
    register Word o4 asm("o4") = e;
    asm volatile(RT_SPARC_SYSCALL
                 : "+r"(o0), "+r"(o1)
                 : [nr] "r"(n), "r"(o2), "r"(o3), "r"(o4)
                 : "g1", "cc", "memory");
    return o0;
}
inline Word syscall6(Word n, Word a, Word b, Word c, Word d, Word e, Word f) {
    register Word o0 asm("o0") = a;
    register Word o1 asm("o1") = b;
    register Word o2 asm("o2") = c;
    register Word o3 asm("o3") = d;
    register Word o4 asm("o4") = e;
    register Word o5 asm("o5") = f;
    asm volatile(RT_SPARC_SYSCALL
                 : "+r"(o0), "+r"(o1)
                 : [nr] "r"(n), "r"(o2), "r"(o3), "r"(o4), "r"(o5)
                 : "g1", "cc", "memory");
    return o0;
}

} // namespace rt::arch

