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

// Start-up facts: R_AARCH64_RELATIVE (AArch64 ELF psABI, table "Dynamic relocations"), RELA;
// the vDSO exports __kernel_clock_gettime at LINUX_2.6.39 (arch/arm64/kernel/vdso/vdso.lds.S).
inline constexpr unsigned long R_RELATIVE = 1027;
inline constexpr unsigned long MIN_PAGE_SIZE = 4096;
inline constexpr const char* VDSO_CLOCK_GETTIME = "__kernel_clock_gettime";
inline constexpr const char* VDSO_VERSION = "LINUX_2.6.39";

// TLS relocations a static PIE may keep: none on this ABI (its linkers resolve them at link
// time; an unexpected one stops start-up with a message).
inline constexpr unsigned long R_TLS_DTPMOD = ~0ul;
inline constexpr unsigned long R_TLS_TPREL = ~0ul;

} // namespace rt::arch
