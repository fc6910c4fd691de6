// AArch64 TLS (aarch64 and aarch64_be): variant I (ELF Handling For Thread-Local Storage,
// §3.4.1; AArch64 ELF psABI "TLS"): TP is tpidr_el0, set for the main thread with `msr` (EL0
// may write it) and by clone's CLONE_SETTLS for new threads. The ABI reserves a 16-byte TCB at
// TP (two words, dtv and private: glibc sysdeps/aarch64/nptl/tls.h TLS_TCB_SIZE 16); the TLS
// block follows, at TP + round_up(16, p_align) (lld getTlsTpOffset, "Variant 1": 2 words).
// Nothing the compilers emit reads the TCB; rt's Tcb sits just below TP.
// Stack protector: GCC's aarch64 default is -mstack-protector-guard=global and LLVM's
// AArch64 back end reads __stack_chk_guard on Linux, so Tcb::canary is only a copy.
// General-dynamic code uses TLS descriptors, which GNU ld and lld relax to local-exec in a
// static executable; DTV_OFFSET is 0 (glibc has no TLS_DTV_OFFSET for aarch64).
#pragma once

#include "rt/arch/generic/tcb_below_tp.h"
#include "syscall_arch.h"

namespace rt::arch {

using Tcb = generic::TcbBelowTp;
inline constexpr tls::Abi TLS_ABI = generic::tls_abi_below_tp(16);
inline constexpr long DTV_OFFSET = 0;

inline void init_tcb(Tcb*) {}

// clone's CLONE_SETTLS argument for a new thread whose thread pointer is tp: tp itself (the
// kernel loads it into the thread-pointer register of the child).
struct CloneTls {
    unsigned long arg(void* tp) { return reinterpret_cast<unsigned long>(tp); }
};

inline bool set_thread_pointer(void* tp) {
    asm volatile("msr tpidr_el0, %0" : : "r"(tp) : "memory");
    return true;
}

inline void* thread_pointer() {
    void* p;
    asm volatile("mrs %0, tpidr_el0" : "=r"(p));
    return p;
}

} // namespace rt::arch
