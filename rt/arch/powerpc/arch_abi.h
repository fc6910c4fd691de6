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

#include "rt/arch/generic/abi_defaults.h"
#include "rt/arch/generic/kernel_types.h"
#include "syscall_arch.h"
#include "uapi.h"

namespace rt::arch {

static_assert(sizeof(SigSet) == 8, "powerpc's kernel sigset_t is 64 bits");
static_assert(sizeof(KernelSigaction) == 3 * sizeof(long) + 8, "powerpc's struct sigaction");

// Start-up facts. R_PPC_RELATIVE (PowerPC SysV ABI supplement, relocation types) and
// R_PPC64_RELATIVE (64-bit PowerPC ELF ABI 1.9 and ELFv2 ABI, relocation types) are both 22: the only
// relocation a static PIE needs; RELA format on all three ABIs. The smallest page a kernel
// uses is 4 KiB (arch/powerpc/Kconfig PPC_4K_PAGES; 64 KiB is common on ppc64).
// The vDSO's symbols are versioned LINUX_2.6.15 in both the 32- and the 64-bit vDSO
// (arch/powerpc/include/asm/vdso.h VDSO_VERSION_STRING; vdso32.lds.S, vdso64.lds.S). They
// return 0, or a positive errno with CR0.SO set (vdso/gettimeofday.S cvdso_call), so rt's
// "non-zero: ask the syscall" rule applies.
// - ppc64le (ELFv2): __kernel_clock_gettime, struct timespec with 64-bit seconds.
// - ppc (32-bit): __kernel_clock_gettime64 (Linux 5.11+), the struct __kernel_timespec one;
//   __kernel_clock_gettime would give 32-bit seconds.
// - ppc64 ELFv1: none. The vDSO's symbols are code addresses, not function descriptors
//   (asm/vdso.h V_FUNCTION_BEGIN defines a plain label even for ELFv1), and an ELFv1 indirect
//   call goes through a descriptor {entry, TOC, env}; rt's generic vDSO call is a plain
//   function-pointer call, so ELFv1 uses the clock_gettime syscall.
inline constexpr unsigned long R_RELATIVE = 22;
#if defined(__powerpc64__) && defined(_CALL_ELF) && _CALL_ELF == 2
inline constexpr const char* VDSO_CLOCK_GETTIME = "__kernel_clock_gettime";
inline constexpr const char* VDSO_VERSION = "LINUX_2.6.15";
#elif defined(__powerpc64__)
inline constexpr const char* VDSO_CLOCK_GETTIME = nullptr;
inline constexpr const char* VDSO_VERSION = nullptr;
#else
inline constexpr const char* VDSO_CLOCK_GETTIME = "__kernel_clock_gettime64";
inline constexpr const char* VDSO_VERSION = "LINUX_2.6.15";
#endif

// The 32-bit PowerPC SysV ABI passes a 64-bit argument in an odd/even pair of GPRs starting
// at r3, r5, r7 or r9 (skipping one when needed); ppc64 passes it in one register, so the flag
// is read only on ppc.
inline constexpr bool ALIGNED_REGISTER_PAIRS = true;

} // namespace rt::arch
