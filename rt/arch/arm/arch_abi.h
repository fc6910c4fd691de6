// arm/thumb2 ABI facts beyond the syscall instruction. The kernel's struct sigaction is
// { handler, flags, restorer, mask } (arch/arm/include/asm/signal.h defines
// __ARCH_HAS_SA_RESTORER; layout from include/linux/signal_types.h) with a 64-signal,
// two-word sigset_t; stack_t is the generic one (arch/arm/include/uapi/asm/signal.h).
// Without SA_RESTORER the kernel returns from a handler through its own sigpage trampoline
// (arch/arm/kernel/signal.c, setup_return); like glibc and musl we supply our own restorers,
// which the kernel puts in lr as is: bit 0 of the address selects Thumb or ARM for the return,
// so Thumb-built restorers work the same. Which one depends on SA_SIGINFO (see below).
// clone has CONFIG_CLONE_BACKWARDS (arch/arm/Kconfig, kernel/fork.c):
// (flags, newsp, parent_tid, tls, child_tid) — flags first.
#pragma once

#include "rt/arch/generic/kernel_types.h"
#include "syscall_arch.h"
#include "uapi.h"

namespace rt::arch {

using SigSet = generic::SigSet<64>;
using KernelSigaction = generic::SigactionWithRestorer<SigSet>;
using KernelStack = generic::Stack;

// Defined in sigreturn.S: rt_sigreturn on an rt_sigframe (SA_SIGINFO handlers), sigreturn on
// the plain sigframe the kernel builds for the others (arch/arm/kernel/signal.c, handle_signal).
extern "C" void __rt_restore_rt();
extern "C" void __rt_restore();
inline void set_restorer(KernelSigaction& act) {
    act.restorer = (act.flags & sys::sa::SIGINFO) ? __rt_restore_rt : __rt_restore;
    act.flags |= sys::sa::RESTORER;
}

// mmap (mmap2 here) takes its six arguments in registers (r0-r5).
inline constexpr bool MMAP_ARGS_IN_MEMORY = false;

inline Word clone_fork(Word nr, unsigned long flags) { return syscall5(nr, static_cast<Word>(flags), 0, 0, 0, 0); }

inline Word rt_sigaction(Word nr, int sig, const KernelSigaction* act, KernelSigaction* old) {
    return syscall4(nr, sig, reinterpret_cast<Word>(act), reinterpret_cast<Word>(old), sizeof(SigSet));
}

// Start-up facts: R_ARM_RELATIVE (ELF for the ARM Architecture, table 4-9), REL; the vDSO
// exports __vdso_clock_gettime64 at LINUX_2.6 (arch/arm/vdso/vdso.lds.S).
inline constexpr unsigned long R_RELATIVE = 23;
inline constexpr unsigned long MIN_PAGE_SIZE = 4096;
inline constexpr const char* VDSO_CLOCK_GETTIME = "__vdso_clock_gettime64";
inline constexpr const char* VDSO_VERSION = "LINUX_2.6";

// TLS relocations a static PIE may keep: none on this ABI (its linkers resolve them at link
// time; an unexpected one stops start-up with a message).
inline constexpr unsigned long R_TLS_DTPMOD = ~0ul;
inline constexpr unsigned long R_TLS_TPREL = ~0ul;

} // namespace rt::arch
