// powerpc ABI facts beyond the syscall instruction (ppc, ppc64, ppc64le alike):
// - struct sigaction as rt_sigaction reads it is {handler, flags, restorer, mask}
//   (arch/powerpc/include/uapi/asm/signal.h; __ARCH_HAS_SA_RESTORER in asm/signal.h), with a
//   64-signal sigset_t (_NSIG 64: one 64-bit word on ppc64, two 32-bit words on ppc).
// - The kernel never uses sa_restorer: a handler returns to the vDSO's sigtramp_rt32/64 (or
//   a trampoline the kernel writes into the signal frame when there is no vDSO), so
//   set_restorer leaves the action alone (arch/powerpc/kernel/signal_32.c handle_rt_signal32,
//   signal_64.c handle_rt_signal64). QEMU user mode provides its own trampoline likewise.
// - stack_t is the generic {ss_sp, int ss_flags, ss_size}.
// - clone is CLONE_BACKWARDS (arch/powerpc/Kconfig): flags, newsp, parent_tid, tls,
//   child_tid; a fork-style clone passes flags and zeros, and the child gets r3 = 0.
#pragma once

#include "rt/arch/generic/kernel_types.h"
#include "syscall_arch.h"
#include "uapi.h"

namespace rt::arch {

using SigSet = generic::SigSet<64>;
using KernelSigaction = generic::SigactionWithRestorer<SigSet>;
using KernelStack = generic::Stack;

static_assert(sizeof(SigSet) == 8, "powerpc's kernel sigset_t is 64 bits");
static_assert(sizeof(KernelSigaction) == 3 * sizeof(long) + 8, "powerpc's struct sigaction");

inline void set_restorer(KernelSigaction&) {}

// mmap takes its six arguments in registers (only s390x passes them in memory).
inline constexpr bool MMAP_ARGS_IN_MEMORY = false;

inline Word clone_fork(Word nr, unsigned long flags) { return syscall5(nr, static_cast<Word>(flags), 0, 0, 0, 0); }

inline Word rt_sigaction(Word nr, int sig, const KernelSigaction* act, KernelSigaction* old) {
    return syscall4(nr, sig, reinterpret_cast<Word>(act), reinterpret_cast<Word>(old), sizeof(SigSet));
}

} // namespace rt::arch
