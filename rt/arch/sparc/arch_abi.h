// sparc / sparc64 ABI facts beyond the syscall trap.
// - struct sigaction as rt_sigaction reads it: handler, flags, restorer, mask (the kernel
//   defines __ARCH_HAS_SA_RESTORER; the 32-bit compat_sigaction has the same order), with a
//   64-signal mask (2 x 32 bits / 1 x 64 bits). There is no SA_RESTORER flag: the kernel
//   ignores sa_restorer and takes the return trampoline from rt_sigaction's 4th argument
//   instead: rt_sigaction(sig, act, oact, restorer, sigsetsize) stores it as
//   ka_restorer and points the handler's %i7 at it, so the handler's `ret` (jmpl %i7 + 8)
//   lands 8 bytes after it; like glibc, we pass the stub's address minus 8.
// - sparc64 (64-bit tasks) always builds an rt frame and uses ka_restorer unconditionally:
//   without one the handler returns to address 8. 32-bit tasks build an rt frame only with
//   SA_SIGINFO, the old `struct signal_frame` otherwise, which is unwound by sigreturn, not
//   rt_sigreturn; with no restorer they write a trampoline on the stack, which needs an
//   executable stack. So a stub is always supplied, chosen by SA_SIGINFO on 32-bit.
// - It is kept in the struct's sa_restorer slot (which the kernel stores and reports back
//   untouched), so that an action read back with rt_sigaction can be reinstalled as is.
// - clone's arguments are flags, newsp, parent_tid, tls, child_tid; see clone_fork below.
// Sources: arch/sparc/kernel/sys_sparc_{32,64}.c and sys_sparc32.c (rt_sigaction),
// arch/sparc/kernel/signal_64.c (setup_rt_frame: %i7 = ka_restorer), signal_32.c and
// signal32.c (setup_frame / setup_rt_frame, the stack trampoline), arch/sparc/include/asm/
// signal.h, arch/sparc/include/uapi/asm/signal.h (struct __new_sigaction, stack_t),
// arch/sparc/kernel/process.c (sparc_clone), process_{32,64}.c (copy_thread).
#pragma once

#include "rt/arch/generic/abi_defaults.h"
#include "rt/arch/generic/kernel_types.h"
#include "syscall_arch.h"
#include "uapi.h"

namespace rt::arch {

// Defined in sigreturn.S: trap into rt_sigreturn (and, on 32-bit, sigreturn) on the frame
// the kernel built.
extern "C" void __rt_restore_rt();
#if !defined(__arch64__)
extern "C" void __rt_restore();
#endif

inline void set_restorer(KernelSigaction& act) {
#if defined(__arch64__)
    act.restorer = __rt_restore_rt;
#else
    act.restorer = (act.flags & sys::sa::SIGINFO) ? __rt_restore_rt : __rt_restore;
#endif
}

// fork-style clone. The kernel returns the *other* process's pid in %o0 to both sides and
// tells them apart with %o1: 1 in the child, 0 in the parent (copy_thread); on an error
// sparc_clone restores the caller's %o1 (0 here). So the child is "%o1 != 0".
inline Word clone_fork(Word nr, unsigned long flags) {
    register Word o0 asm("o0") = static_cast<Word>(flags);
    register Word o1 asm("o1") = 0; // newsp 0: the child runs on (a copy of) the caller's stack
    register Word o2 asm("o2") = 0;
    register Word o3 asm("o3") = 0;
    register Word o4 asm("o4") = 0;
    asm volatile(RT_SPARC_SYSCALL
                 : "+r"(o0), "+r"(o1)
                 : [nr] "r"(nr), "r"(o2), "r"(o3), "r"(o4)
                 : "g1", "cc", "memory");
    return o1 != 0 ? 0 : o0;
}

inline Word rt_sigaction(Word nr, int sig, const KernelSigaction* act, KernelSigaction* old) {
    Word restorer = 0;
    if (act && act->restorer) restorer = reinterpret_cast<Word>(act->restorer) - 8;
    return syscall5(nr, sig, reinterpret_cast<Word>(act), reinterpret_cast<Word>(old), restorer, sizeof(SigSet));
}

// Start-up facts. R_SPARC_RELATIVE (SPARC psABI, relocation table) is the only relocation a
// static PIE needs; RELA format on both. Pages are 8 KiB on sparc64 kernels (arch/sparc/
// include/asm/page_64.h, PAGE_SHIFT 13; a 32-bit task on them sees the same), 4 KiB on 32-bit
// kernels (page_32.h). The vDSO (arch/sparc/vdso/vdso.lds.S and vdso32/vdso32.lds.S) exports
// __vdso_clock_gettime at LINUX_2.6, taking a struct __kernel_old_timespec
// (arch/sparc/vdso/vclock_gettime.c): 64-bit seconds on sparc64, 32-bit seconds in the 32-bit
// vDSO, which has no clock_gettime64 — so sparc32 uses the clock_gettime64 syscall.
inline constexpr unsigned long R_RELATIVE = 22;
#if defined(__arch64__)
inline constexpr unsigned long MIN_PAGE_SIZE = 8192;
inline constexpr const char* VDSO_CLOCK_GETTIME = "__vdso_clock_gettime";
inline constexpr const char* VDSO_VERSION = "LINUX_2.6";
#else
inline constexpr unsigned long MIN_PAGE_SIZE = 4096;
inline constexpr const char* VDSO_CLOCK_GETTIME = nullptr;
inline constexpr const char* VDSO_VERSION = nullptr;
#endif

} // namespace rt::arch
