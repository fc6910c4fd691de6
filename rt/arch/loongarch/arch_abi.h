// LoongArch64 ABI facts beyond the syscall instruction: the kernel's struct sigaction has no
// sa_restorer (loongarch does not define __ARCH_HAS_SA_RESTORER; handlers return through the
// vDSO's __vdso_rt_sigreturn). stack_t is the generic layout; clone takes
// (flags, newsp, parent_tid, tls, child_tid). Sources: include/linux/signal_types.h,
// arch/loongarch/kernel/signal.c (setup_rt_frame), include/uapi/asm-generic/signal.h.
#pragma once

#include "rt/arch/generic/abi_defaults.h"
#include "rt/arch/generic/kernel_types.h"
#include "rt/arch/generic/sigaction_layout_probe.h"
#include "syscall_arch.h"

namespace rt::arch {

using KernelSigaction = generic::SigactionNoRestorer<SigSet>;

// Probes which struct layout is in force: the kernel's, or QEMU's (see the header).
inline Word rt_sigaction(Word nr, int sig, const KernelSigaction* act, KernelSigaction* old) {
    return generic::rt_sigaction_probed(syscall4, nr, sig, act, old);
}

// Start-up facts: R_LARCH_RELATIVE (LoongArch ELF psABI, relocation 3), RELA; the vDSO exports
// __vdso_clock_gettime at LINUX_5.10 (arch/loongarch/vdso/vdso.lds.S).
inline constexpr unsigned long R_RELATIVE = 3;
inline constexpr const char* VDSO_CLOCK_GETTIME = "__vdso_clock_gettime";
inline constexpr const char* VDSO_VERSION = "LINUX_5.10";

} // namespace rt::arch
