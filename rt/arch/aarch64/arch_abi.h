// AArch64 ABI facts beyond the syscall instruction: the kernel's struct sigaction has
// sa_restorer (SA_RESTORER is honoured; otherwise the vDSO's sigtramp is used), so a static
// program supplies its own trampoline as musl does. stack_t is the generic layout; clone takes
// (flags, newsp, parent_tid, tls, child_tid). Sources: arch/arm64/kernel/signal.c
// (setup_return), arch/arm64/include/uapi/asm/signal.h, kernel/fork.c.
#pragma once

#include "rt/arch/generic/kernel_types.h"
#include "syscall_arch.h"
#include "uapi.h"

namespace rt::arch {

using SigSet = generic::SigSet<64>;
using KernelSigaction = generic::SigactionWithRestorer<SigSet>;
using KernelStack = generic::Stack;

inline constexpr bool MMAP_ARGS_IN_MEMORY = false;

extern "C" void __rt_restore_rt();
inline void set_restorer(KernelSigaction& act) {
    act.restorer = __rt_restore_rt;
    act.flags |= sys::sa::RESTORER;
}

inline Word clone_fork(Word nr, unsigned long flags) { return syscall5(nr, static_cast<Word>(flags), 0, 0, 0, 0); }

inline Word rt_sigaction(Word nr, int sig, const KernelSigaction* act, KernelSigaction* old) {
    return syscall4(nr, sig, reinterpret_cast<Word>(act), reinterpret_cast<Word>(old), sizeof(SigSet));
}

} // namespace rt::arch
