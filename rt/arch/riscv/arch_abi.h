// RISC-V ABI facts beyond the syscall instruction: the kernel's struct sigaction has no
// sa_restorer (riscv does not define __ARCH_HAS_SA_RESTORER; signal handlers return through
// the vDSO's __vdso_rt_sigreturn). stack_t is the generic layout; clone takes
// (flags, newsp, parent_tid, tls, child_tid). Sources: include/linux/signal_types.h,
// arch/riscv/kernel/signal.c (setup_rt_frame), include/uapi/asm-generic/signal.h.
#pragma once

#include "rt/arch/generic/kernel_types.h"
#include "rt/arch/generic/sigaction_layout_probe.h"
#include "syscall_arch.h"

namespace rt::arch {

using SigSet = generic::SigSet<64>;
using KernelSigaction = generic::SigactionNoRestorer<SigSet>;
using KernelStack = generic::Stack;

inline constexpr bool MMAP_ARGS_IN_MEMORY = false;

inline void set_restorer(KernelSigaction&) {}

inline Word clone_fork(Word nr, unsigned long flags) { return syscall5(nr, static_cast<Word>(flags), 0, 0, 0, 0); }

// Probes which struct layout is in force: the kernel's, or QEMU's (see the header).
inline Word rt_sigaction(Word nr, int sig, const KernelSigaction* act, KernelSigaction* old) {
    return generic::rt_sigaction_probed(syscall4, nr, sig, act, old);
}

} // namespace rt::arch
