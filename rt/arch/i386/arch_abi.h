// i386 ABI facts beyond the syscall instruction: the kernel's struct sigaction has sa_restorer
// (__ARCH_HAS_SA_RESTORER); without one the kernel returns through the vDSO, but a static
// program supplies its own, as musl does. stack_t is the generic layout; clone is
// CLONE_BACKWARDS (flags, newsp, parent_tid, tls, child_tid).
// Sources: arch/x86/include/asm/signal.h, arch/x86/kernel/signal.c (ia32 setup_rt_frame),
// arch/x86/Kconfig (CLONE_BACKWARDS for X86_32).
#pragma once

#include "rt/arch/generic/kernel_types.h"
#include "syscall_arch.h"
#include "uapi.h"

namespace rt::arch {

using SigSet = generic::SigSet<64>;
using KernelSigaction = generic::SigactionWithRestorer<SigSet>;
using KernelStack = generic::Stack;

inline constexpr bool MMAP_ARGS_IN_MEMORY = false;

extern "C" void __rt_restore_rt(); // for SA_SIGINFO handlers (rt frame)
extern "C" void __rt_restore();    // for the others (old-style frame)
inline void set_restorer(KernelSigaction& act) {
    act.restorer = (act.flags & sys::sa::SIGINFO) ? __rt_restore_rt : __rt_restore;
    act.flags |= sys::sa::RESTORER;
}

inline Word clone_fork(Word nr, unsigned long flags) { return syscall5(nr, static_cast<Word>(flags), 0, 0, 0, 0); }

inline Word rt_sigaction(Word nr, int sig, const KernelSigaction* act, KernelSigaction* old) {
    return syscall4(nr, sig, reinterpret_cast<Word>(act), reinterpret_cast<Word>(old), sizeof(SigSet));
}

// Start-up facts. R_386_RELATIVE (i386 psABI, relocation table) is the only relocation a static
// PIE needs; i386 uses REL (the addend is the word in place). The 32-bit vDSO exports
// __vdso_clock_gettime64 (struct __kernel_timespec, 64-bit seconds) at version LINUX_2.6
// (arch/x86/entry/vdso/vdso32/vdso32.lds.S); __vdso_clock_gettime has 32-bit seconds.
inline constexpr unsigned long R_RELATIVE = 8;
inline constexpr unsigned long MIN_PAGE_SIZE = 4096;
inline constexpr const char* VDSO_CLOCK_GETTIME = "__vdso_clock_gettime64";
inline constexpr const char* VDSO_VERSION = "LINUX_2.6";

// TLS relocations a static PIE may keep: none on this ABI (its linkers resolve them at link
// time; an unexpected one stops start-up with a message).
inline constexpr unsigned long R_TLS_DTPMOD = ~0ul;
inline constexpr unsigned long R_TLS_TPREL = ~0ul;

} // namespace rt::arch
