// RISC-V (riscv64, riscv32) TLS and thread pointer.
// - Variant I (ELF Handling For Thread-Local Storage §3.4.1; RISC-V ELF psABI "Thread Local
//   Storage"): TP points at the start of the executable's TLS block, with no bias and no gap
//   (glibc sysdeps/riscv/dl-tls.h TLS_TP_OFFSET 0; sysdeps/riscv/nptl/tls.h TLS_TCB_OFFSET 0,
//   its tcbhead_t {dtv, private} sits just below TP). rt's Tcb likewise ends at TP:
//   tcb_tp_offset = -sizeof(Tcb). No compiler-visible word lives in it.
// - TP is the tp register (x4), reserved by the psABI; the main thread writes it directly
//   (`mv tp, …`), clone(CLONE_SETTLS) sets it for new threads (arch/riscv/kernel/process.c
//   copy_thread: childregs->tp = tls).
// - __tls_get_addr: R_RISCV_TLS_DTPREL32/64 hold S + A - 0x800, so the offset in a tls_index
//   is 0x800 below the variable's offset in the block (glibc sysdeps/riscv/dl-tls.h
//   TLS_DTV_OFFSET 0x800).
// - Stack protector: GCC reads the global __stack_chk_guard (gcc/config/riscv/riscv.opt
//   -mstack-protector-guard= defaults to global; no TARGET_THREAD_SSP_OFFSET for riscv), and so
//   does clang for *-linux-gnu (LLVM's RISCV getIRStackGuard reads TP-relative slots only for
//   Fuchsia, tp-16, and Android, tp-24; otherwise the generic global). Checked:
//   riscv64-linux-gnu-gcc 12 and clang 19 (riscv64 and riscv32) with -fstack-protector-all load
//   __stack_chk_guard. Tcb::canary is a copy start-up keeps.
#pragma once

#include "rt/arch/generic/tcb_below_tp.h"
#include "syscall_arch.h"

namespace rt::arch {

using Tcb = generic::TcbBelowTp;
inline constexpr tls::Abi TLS_ABI = generic::tls_abi_below_tp(0);
inline constexpr long DTV_OFFSET = 0x800; // __tls_get_addr's offset bias

inline void init_tcb(Tcb*) {}

// clone's CLONE_SETTLS argument for a new thread whose thread pointer is tp: tp itself (the
// kernel loads it into the thread-pointer register of the child).
struct CloneTls {
    unsigned long arg(void* tp) { return reinterpret_cast<unsigned long>(tp); }
};

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
