// s390x ABI facts beyond the syscall instruction.
// - struct sigaction as rt_sigaction reads it: handler, flags, restorer, mask (64 signals in
//   one unsigned long); __ARCH_HAS_SA_RESTORER, SA_RESTORER = 0x04000000.
// - Signal return: with SA_RESTORER the handler returns (r14) to sa_restorer; without it the
//   kernel uses the vDSO's sigreturn / rt_sigreturn (older kernels, and QEMU user mode, use
//   a trampoline of their own instead). We always supply our
//   own, as glibc does, so nothing depends on a vDSO: the frame is an old-style sigframe
//   (unwound by sigreturn) without SA_SIGINFO and an rt_sigframe (rt_sigreturn) with it, so
//   the stub is chosen by SA_SIGINFO.
// - stack_t is the generic layout { sp, int flags, size }.
// - mmap is old_mmap: one argument, a pointer to the six arguments as unsigned longs.
// - clone is CLONE_BACKWARDS2: clone(newsp, flags, parent_tid, child_tid, tls); the child
//   gets 0 in r2, the parent the child's pid.
// Sources: arch/s390/include/uapi/asm/signal.h (struct sigaction, stack_t, SA_RESTORER),
// arch/s390/include/asm/signal.h, arch/s390/kernel/signal.c (setup_frame, setup_rt_frame:
// gprs[14] = sa_restorer or the vDSO symbol; handle_signal: SA_SIGINFO picks the frame),
// arch/s390/kernel/syscall.c (old_mmap), arch/s390/Kconfig (CLONE_BACKWARDS2) and
// kernel/fork.c (the clone prototypes), arch/s390/kernel/process.c (copy_thread: gprs[2] = 0).
#pragma once

#include "rt/arch/generic/abi_defaults.h"
#include "rt/arch/generic/kernel_types.h"
#include "syscall_arch.h"
#include "uapi.h"

namespace rt::arch {

// Defined in sigreturn.S.
extern "C" void __rt_restore();
extern "C" void __rt_restore_rt();
inline void set_restorer(KernelSigaction& act) {
    act.restorer = (act.flags & sys::sa::SIGINFO) ? __rt_restore_rt : __rt_restore;
    act.flags |= sys::sa::RESTORER;
}

// s390x's mmap (old_mmap) takes a pointer to its six arguments.
inline constexpr bool MMAP_ARGS_IN_MEMORY = true;

// CLONE_BACKWARDS2: the new stack first (0: the child continues on a copy of the caller's
// stack), then the flags.
inline Word clone_fork(Word nr, unsigned long flags) { return syscall5(nr, 0, static_cast<Word>(flags), 0, 0, 0); }

// Start-up facts. R_390_RELATIVE (s390x ELF ABI Supplement, relocation table) is the only
// relocation a static PIE needs; RELA format. The vDSO exports __kernel_clock_gettime (struct
// __kernel_timespec: 64-bit seconds) at version LINUX_2.6.29 (arch/s390/kernel/vdso64/
// vdso64.lds.S, VDSO_VERSION_STRING in arch/s390/include/asm/vdso.h).
inline constexpr unsigned long R_RELATIVE = 12;
inline constexpr const char* VDSO_CLOCK_GETTIME = "__kernel_clock_gettime";
inline constexpr const char* VDSO_VERSION = "LINUX_2.6.29";

// DT_HASH entries are 64-bit on s390x (binutils' elf64-s390 writes .hash with sh_entsize 8 —
// s390x-linux-gnu-readelf -S on any shared object shows it; the kernel's parse_vdso.c reads
// them as Elf64_Xword under __s390x__). The vDSO carries .hash and .gnu.hash (--hash-style=both
// in arch/s390/kernel/vdso64/Makefile); the parser reads the symbol count from .hash.
using ElfHashWord = uint64_t;

} // namespace rt::arch
