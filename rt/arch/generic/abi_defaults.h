// The ABI facts most Linux ABIs share, so that an arch's arch_abi.h states only what differs.
// An arch declares its own rt::arch::X to differ; qualified lookup (arch::X, as every user
// spells it) finds that declaration first and falls back to the default here only when the
// arch declares none ([namespace.qual]: names of a namespace nominated by a using-directive
// are considered only if the namespace itself has none). A default built on another default
// (KernelSigaction on SigSet) is overridden together with it (mips).
// Sources: include/linux/signal_types.h (struct sigaction; __ARCH_HAS_SA_RESTORER on x86, arm,
// arm64, powerpc, s390, sparc), include/uapi/asm-generic/signal.h (sigset_t of 64 signals,
// stack_t), kernel/fork.c (clone's argument order under CONFIG_CLONE_BACKWARDS, the common
// one), mm/mmap.c (mmap's six register arguments), the 4 KiB page of every ABI's smallest
// configuration except sparc64's 8 KiB, and the gABI's 32-bit hash-table words (s390x differs).
#pragma once

#include "rt/arch/generic/kernel_types.h"
#include "syscall_arch.h"
#include "uapi.h"

namespace rt::detail::arch_defaults {

using SigSet = arch::generic::SigSet<64>;
using KernelSigaction = arch::generic::SigactionWithRestorer<SigSet>;
using KernelStack = arch::generic::Stack;

// mmap takes its six arguments in registers (s390x's old_mmap takes a pointer to them).
inline constexpr bool MMAP_ARGS_IN_MEMORY = false;

// The kernel returns through the vDSO's trampoline, or the ABI has no sa_restorer: nothing to set.
template <class A> void set_restorer(A&) {}

// fork as clone(flags, newsp = 0, parent_tid, tls, child_tid): CLONE_BACKWARDS order.
inline arch::Word clone_fork(arch::Word nr, unsigned long flags) {
    return arch::syscall5(nr, static_cast<arch::Word>(flags), 0, 0, 0, 0);
}

// rt_sigaction(sig, act, old, sigsetsize) with the kernel's struct as it is.
template <class A> arch::Word rt_sigaction(arch::Word nr, int sig, const A* act, A* old) {
    return arch::syscall4(nr, sig, reinterpret_cast<arch::Word>(act), reinterpret_cast<arch::Word>(old),
                          sizeof(static_cast<A*>(nullptr)->mask));
}

inline constexpr unsigned long MIN_PAGE_SIZE = 4096;

// On an ABI with 32-bit registers, a 64-bit syscall argument (ftruncate64's length) takes two
// registers in the order of its halves in memory; true where the pair must start at an even
// register, a pad register before it when it would not (the ABI's calling convention for
// 64-bit values, which the kernel's C entry points follow; docs/syscalls.md).
inline constexpr bool ALIGNED_REGISTER_PAIRS = false;

// An entry of a DT_HASH table (nbucket, nchain, buckets, chains): a 32-bit word (the gABI).
using ElfHashWord = uint32_t;

// TLS relocations start-up fills in a static PIE: none unless the linker keeps some (riscv).
inline constexpr unsigned long R_TLS_DTPMOD = ~0ul;
inline constexpr unsigned long R_TLS_TPREL = ~0ul;

} // namespace rt::detail::arch_defaults

namespace rt::arch {
using namespace rt::detail::arch_defaults;
} // namespace rt::arch
