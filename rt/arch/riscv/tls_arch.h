// RISC-V (riscv64 and riscv32) TLS: variant I with TP pointing at the TLS block itself (no bias, no gap); rt's Tcb
// sits just below TP. TP is the tp register, written directly for the main thread and set by
// clone's CLONE_SETTLS for new threads (the ABI reserves the register for it).
// Stack protector: GCC and clang read the global __stack_chk_guard on this ABI.
// Sources: RISC-V ELF psABI "Thread Local Storage" (tp points at the TLS block; TCB below), glibc sysdeps/riscv/nptl/tls.h (TLS_TCB_OFFSET 0) and sysdeps/riscv/dl-tls.h (TLS_DTV_OFFSET 0x800: R_RISCV_TLS_DTPREL is S + A - 0x800).
#pragma once

#include "rt/arch/generic/tcb_below_tp.h"
#include "syscall_arch.h"

namespace rt::arch {

using Tcb = generic::TcbBelowTp;
inline constexpr tls::Abi TLS_ABI = generic::tls_abi_below_tp(0);
inline constexpr bool TLS_CANARY = false;
inline constexpr long DTV_OFFSET = 0x800; // __tls_get_addr's offset bias

inline void init_tcb(Tcb*) {}

inline bool set_thread_pointer(void* tp) {
    asm volatile("mv tp, %0" : : "r"(tp) : "memory");
    return true;
}

inline void* thread_pointer() {
    void* p;
    asm volatile("mv %0, tp" : "=r"(p));
    return p;
}

} // namespace rt::arch
