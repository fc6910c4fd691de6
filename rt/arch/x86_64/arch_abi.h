// x86_64 ABI facts beyond the syscall instruction: the kernel's struct sigaction has
// sa_restorer and the kernel requires it (SA_RESTORER is mandatory for 64-bit tasks, there is
// no vDSO sigreturn), stack_t is the generic layout, fork-style clone takes the flags first.
// Sources: arch/x86/kernel/signal.c (x64_setup_rt_frame: -EFAULT without SA_RESTORER),
// arch/x86/include/uapi/asm/signal.h.
#pragma once

#include "rt/arch/generic/abi_defaults.h"
#include "rt/arch/generic/kernel_types.h"
#include "syscall_arch.h"
#include "uapi.h"

namespace rt::arch {

// Defined in sigreturn.S: calls rt_sigreturn on the frame the kernel pushed.
extern "C" void __rt_restore_rt();
inline void set_restorer(KernelSigaction& act) {
    act.restorer = __rt_restore_rt;
    act.flags |= sys::sa::RESTORER;
}

// Start-up facts. R_X86_64_RELATIVE (x86-64 psABI table 4.9) is the only relocation a static
// PIE needs; RELA format. The vDSO exports __vdso_clock_gettime at version LINUX_2.6
// (arch/x86/entry/vdso/vdso.lds.S).
inline constexpr unsigned long R_RELATIVE = 8;
inline constexpr const char* VDSO_CLOCK_GETTIME = "__vdso_clock_gettime";
inline constexpr const char* VDSO_VERSION = "LINUX_2.6";

} // namespace rt::arch
