// RISC-V ABI facts beyond the syscall instruction: the kernel's struct sigaction has no
// sa_restorer (riscv does not define __ARCH_HAS_SA_RESTORER; signal handlers return through
// the vDSO's __vdso_rt_sigreturn). stack_t is the generic layout; clone takes
// (flags, newsp, parent_tid, tls, child_tid). Sources: include/linux/signal_types.h,
// arch/riscv/kernel/signal.c (setup_rt_frame), include/uapi/asm-generic/signal.h.
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

// Start-up facts: R_RISCV_RELATIVE (RISC-V ELF psABI, relocation 3), RELA; the vDSO exports
// __vdso_clock_gettime at LINUX_4.15 on riscv64 (arch/riscv/kernel/vdso/vdso.lds.S). Linux 6.1
// exports no time functions from the rv32 vDSO (vdso.lds.S lists them under HAS_VGETTIMEOFDAY,
// which vdso/Makefile sets only for CONFIG_64BIT; arch/riscv/Kconfig selects HAVE_GENERIC_VDSO
// only if 64BIT), so riscv32 uses the clock_gettime64 syscall.
inline constexpr unsigned long R_RELATIVE = 3;
#if __riscv_xlen == 64
inline constexpr const char* VDSO_CLOCK_GETTIME = "__vdso_clock_gettime";
inline constexpr const char* VDSO_VERSION = "LINUX_4.15";
#else
inline constexpr const char* VDSO_CLOCK_GETTIME = nullptr;
inline constexpr const char* VDSO_VERSION = nullptr;
#endif

// TLS relocations GNU ld keeps in a riscv static PIE (GOT entries of initial-exec and
// general-dynamic code): R_RISCV_TLS_DTPMOD32/64 (6/7) and R_RISCV_TLS_TPREL32/64 (10/11),
// RISC-V ELF psABI "Relocations"; start-up fills them once the TLS layout is known.
inline constexpr unsigned long R_TLS_DTPMOD = __riscv_xlen == 64 ? 7 : 6;
inline constexpr unsigned long R_TLS_TPREL = __riscv_xlen == 64 ? 11 : 10;

} // namespace rt::arch
