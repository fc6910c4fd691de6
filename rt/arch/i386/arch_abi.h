// i386 ABI facts beyond the syscall instruction: the kernel's struct sigaction has sa_restorer
// (__ARCH_HAS_SA_RESTORER); without one the kernel returns through the vDSO, but a static
// program supplies its own, as musl does. stack_t is the generic layout; clone is
// CLONE_BACKWARDS (flags, newsp, parent_tid, tls, child_tid).
// Sources: arch/x86/include/asm/signal.h, arch/x86/kernel/signal.c (ia32 setup_rt_frame),
// arch/x86/Kconfig (CLONE_BACKWARDS for X86_32).
#pragma once

#include "rt/arch/generic/abi_defaults.h"
#include "rt/arch/generic/kernel_types.h"
#include "syscall_arch.h"
#include "uapi.h"

namespace rt::arch {

extern "C" void __rt_restore_rt(); // for SA_SIGINFO handlers (rt frame)
extern "C" void __rt_restore();    // for the others (old-style frame)
inline void set_restorer(KernelSigaction& act) {
    act.restorer = (act.flags & sys::sa::SIGINFO) ? __rt_restore_rt : __rt_restore;
    act.flags |= sys::sa::RESTORER;
}

// Start-up facts. R_386_RELATIVE (i386 psABI, relocation table) is the only relocation a static
// PIE needs; i386 uses REL (the addend is the word in place). The 32-bit vDSO exports
// __vdso_clock_gettime64 (struct __kernel_timespec, 64-bit seconds) at version LINUX_2.6
// (arch/x86/entry/vdso/vdso32/vdso32.lds.S); __vdso_clock_gettime has 32-bit seconds.
inline constexpr unsigned long R_RELATIVE = 8;
inline constexpr const char* VDSO_CLOCK_GETTIME = "__vdso_clock_gettime64";
inline constexpr const char* VDSO_VERSION = "LINUX_2.6";

} // namespace rt::arch
