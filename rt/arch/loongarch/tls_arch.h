// LoongArch64 TLS and thread pointer.
// - Variant I (ELF Handling For Thread-Local Storage §3.4.1; LoongArch ELF psABI, TLS
//   relocations: TP-relative offsets are from the start of the block): TP points at the start
//   of the executable's TLS block, with no bias and no gap (glibc sysdeps/loongarch/dl-tls.h
//   TLS_TP_OFFSET 0; sysdeps/loongarch/nptl/tls.h TLS_TCB_OFFSET 0, its tcbhead_t
//   {dtv, private} just below TP). rt's Tcb likewise ends at TP: tcb_tp_offset = -sizeof(Tcb).
//   No compiler-visible word lives in it.
// - TP is $tp ($r2), reserved by the psABI; the main thread writes it directly (`move $tp, …`),
//   clone(CLONE_SETTLS) sets it for new threads (arch/loongarch/kernel/process.c copy_thread:
//   childregs->regs[2] = tls).
// - __tls_get_addr: no offset bias (glibc sysdeps/loongarch/dl-tls.h TLS_DTV_OFFSET 0;
//   R_LARCH_TLS_DTPREL64 is S + A).
// - Stack protector: GCC (gcc/config/loongarch: no TARGET_THREAD_SSP_OFFSET, no
//   -mstack-protector-guard= in loongarch.opt; glibc's loongarch tls.h has no
//   THREAD_SET_STACK_GUARD) and clang (LLVM's LoongArch target keeps the generic
//   getIRStackGuard) read the global __stack_chk_guard; checked with clang 19
//   -fstack-protector-all (GOT load of __stack_chk_guard). Tcb::canary is a copy start-up keeps.
#pragma once

#include "rt/arch/generic/tcb_below_tp.h"
#include "syscall_arch.h"

namespace rt::arch {

using Tcb = generic::TcbBelowTp;
inline constexpr tls::Abi TLS_ABI = generic::tls_abi_below_tp(0);
inline constexpr long DTV_OFFSET = 0; // __tls_get_addr's offset bias

inline void init_tcb(Tcb*) {}

// clone's CLONE_SETTLS argument for a new thread whose thread pointer is tp: tp itself (the
// kernel loads it into the thread-pointer register of the child).
struct CloneTls {
    unsigned long arg(void* tp) { return reinterpret_cast<unsigned long>(tp); }
};

inline bool set_thread_pointer(void* tp) {
    asm volatile("move $tp, %0" : : "r"(tp) : "memory");
    return true;
}

inline void* thread_pointer() {
    void* p;
    asm volatile("move %0, $tp" : "=r"(p));
    return p;
}

} // namespace rt::arch
