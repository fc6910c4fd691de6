// AArch64 ABI facts beyond the syscall instruction: the kernel's struct sigaction has
// sa_restorer (SA_RESTORER is honoured; otherwise the vDSO's sigtramp is used), so a static
// program supplies its own trampoline as musl does. stack_t is the generic layout; clone takes
// (flags, newsp, parent_tid, tls, child_tid). Sources: arch/arm64/kernel/signal.c
// (setup_return), arch/arm64/include/uapi/asm/signal.h, kernel/fork.c.
#pragma once

#include "rt/arch/generic/abi_defaults.h"
#include "rt/arch/generic/kernel_types.h"
#include "syscall_arch.h"
#include "uapi.h"

namespace rt::arch {

extern "C" void __rt_restore_rt();
inline void set_restorer(KernelSigaction& act) {
    act.restorer = __rt_restore_rt;
    act.flags |= sys::sa::RESTORER;
}

// Start-up facts: R_AARCH64_RELATIVE (AArch64 ELF psABI, table "Dynamic relocations"), RELA;
// the vDSO exports __kernel_clock_gettime at LINUX_2.6.39 (arch/arm64/kernel/vdso/vdso.lds.S).
inline constexpr unsigned long R_RELATIVE = 1027;
inline constexpr const char* VDSO_CLOCK_GETTIME = "__kernel_clock_gettime";
inline constexpr const char* VDSO_VERSION = "LINUX_2.6.39";

} // namespace rt::arch
