// ARM TLS (arm and thumb2, EABI): variant I (ELF Handling For Thread-Local Storage, §3.4.1;
// ARM "Addenda to, and Errata in, the ABI for the ARM Architecture", TLS): TP is the
// user-read-only thread ID register TPIDRURO (`mrc p15, 0, rX, c13, c0, 3`), set for the main
// thread with the ARM-private syscall __ARM_NR_set_tls (arch/arm/kernel/traps.c
// arm_syscall: set_tls) and by clone's CLONE_SETTLS. The ABI reserves an 8-byte TCB at TP
// (glibc sysdeps/arm/nptl/tls.h TLS_TCB_SIZE 8); the block follows at TP + round_up(8, p_align).
// Code that cannot read cp15 directly calls __aeabi_read_tp (tp.S), which returns TP in r0
// and preserves every other register (RTABI §5.2).
// Stack protector: GCC and clang read the global __stack_chk_guard on ARM Linux.
// General-dynamic code calls __tls_get_addr where the linker does not relax it; DTV_OFFSET 0.
#pragma once

#include "rt/arch/generic/tcb_below_tp.h"
#include "syscall_arch.h"
#include "syscall_nr.h"

namespace rt::arch {

using Tcb = generic::TcbBelowTp;
inline constexpr tls::Abi TLS_ABI = generic::tls_abi_below_tp(8);
inline constexpr long DTV_OFFSET = 0;

inline void init_tcb(Tcb*) {}

// clone's CLONE_SETTLS argument for a new thread whose thread pointer is tp: tp itself (the
// kernel loads it into the thread-pointer register of the child).
struct CloneTls {
    unsigned long arg(void* tp) { return reinterpret_cast<unsigned long>(tp); }
};

inline bool set_thread_pointer(void* tp) {
    return syscall1(static_cast<Word>(sys::Sys::arm_set_tls), reinterpret_cast<Word>(tp)) == 0;
}

inline void* thread_pointer() {
    void* p;
    asm volatile("mrc p15, 0, %0, c13, c0, 3" : "=r"(p));
    return p;
}

} // namespace rt::arch
