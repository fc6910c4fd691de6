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

#include "rt/arch/generic/abi_defaults.h"
#include "rt/arch/generic/kernel_types.h"
#include "syscall_arch.h"
#include "uapi.h"

namespace rt::arch {

// Defined in sigreturn.S: rt_sigreturn on an rt_sigframe (SA_SIGINFO handlers), sigreturn on
// the plain sigframe the kernel builds for the others (arch/arm/kernel/signal.c, handle_signal).
extern "C" void __rt_restore_rt();
extern "C" void __rt_restore();
inline void set_restorer(KernelSigaction& act) {
    act.restorer = (act.flags & sys::sa::SIGINFO) ? __rt_restore_rt : __rt_restore;
    act.flags |= sys::sa::RESTORER;
}

// Start-up facts: R_ARM_RELATIVE (ELF for the ARM Architecture, table 4-9), REL; the vDSO
// exports __vdso_clock_gettime64 at LINUX_2.6 (arch/arm/vdso/vdso.lds.S).
inline constexpr unsigned long R_RELATIVE = 23;
inline constexpr const char* VDSO_CLOCK_GETTIME = "__vdso_clock_gettime64";
inline constexpr const char* VDSO_VERSION = "LINUX_2.6";

// EABI passes a 64-bit argument in an even/odd register pair (AAPCS §6.1.2.1, "Procedure
// Call Standard for the Arm Architecture": a doubleword goes in r0/r1 or r2/r3): ftruncate64's
// length after the fd skips r1.
inline constexpr bool ALIGNED_REGISTER_PAIRS = true;

} // namespace rt::arch
