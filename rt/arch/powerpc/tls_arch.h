// powerpc TLS (ppc, ppc64 ELFv1, ppc64le ELFv2): variant I (ELF Handling For Thread-Local
// Storage, §3.4.1 and its PowerPC chapters; the TLS sections of the Power Architecture
// 64-Bit ELF V2 ABI, the 64-bit PowerPC ELF ABI 1.9 and the PowerPC SysV ABI supplement):
// - TP is r13 on ppc64 and r2 on ppc (32-bit). The ABIs reserve that register as the thread
//   pointer, so GCC and clang never allocate it: the main thread writes it with `mr`, and
//   clone's CLONE_SETTLS puts the tls argument in the child's r13/r2
//   (arch/powerpc/kernel/process.c copy_thread: childregs->gpr[13] / gpr[2] = tls).
// - TP is biased: TP = (start of the TLS block area) + 0x7000, so that a signed 16-bit
//   displacement from TP reaches the first 60 KiB of TLS (the psABIs' TLS sections; the
//   linkers compute @tprel as address - (TLS segment start + 0x7000)). No gap: the block
//   starts at base = TP - 0x7000.
// - TCB: glibc's tcbhead_t lies just below base and ends at TP - 0x7000, its last words being
//   ... pointer_guard, stack_guard, dtv (glibc sysdeps/powerpc/nptl/tls.h, TLS_TCB_OFFSET
//   0x7000, THREAD_SET_STACK_GUARD: ((tcbhead_t *)(tp - 0x7000))[-1].stack_guard). So the
//   stack-protector canary is at TP-0x7010 on ppc64 and TP-0x7008 on ppc, where GCC reads it
//   (gcc/config/rs6000/linux64.h and linux.h: TARGET_THREAD_SSP_OFFSET (TARGET_64BIT ? -0x7010
//   : -0x7008), "ld 9,-28688(13)" / "lwz 9,-28680(2)") and clang too (LLVM
//   PPCInstrInfo::expandPostRAPseudo: LOAD_STACK_GUARD on Linux is a load from
//   (isPPC64 ? -0x7010 : -0x7008) off X13 / R2).
//   rt's Tcb therefore ends at base like tcbhead_t, with canary and dtv as its last two words
//   and rt's own fields (TcbCommon) *before* them — the one family where TcbCommon cannot be
//   last: two words after the canary would leave no room for it below base.
// - __tls_get_addr (general-dynamic code the linker did not relax) receives DTP-relative
//   offsets biased by -0x8000 (R_PPC*_DTPREL* = S + A - 0x8000), hence DTV_OFFSET 0x8000
//   (glibc sysdeps/powerpc/dl-tls.h TLS_DTV_OFFSET).
#pragma once

#include <stdint.h>

#include "rt/arch/generic/tls_abi.h"
#include "syscall_arch.h"

namespace rt::arch {

struct Tcb {
    detail::TcbCommon rt;      // rt's fields, below the ABI's words
    uintptr_t canary;          // TP-0x7010 (ppc64) / TP-0x7008 (ppc): glibc's stack_guard
    void* dtv;                 // TP-0x7008 / TP-0x7004 (no dynamic modules: unused)
};

inline constexpr size_t TP_BIAS = 0x7000;
inline constexpr ptrdiff_t TCB_TP_OFFSET = -static_cast<ptrdiff_t>(TP_BIAS) - static_cast<ptrdiff_t>(sizeof(Tcb));
inline constexpr ptrdiff_t CANARY_TP_OFFSET = sizeof(void*) == 8 ? -0x7010 : -0x7008;
static_assert(TCB_TP_OFFSET + static_cast<ptrdiff_t>(offsetof(Tcb, canary)) == CANARY_TP_OFFSET,
              "GCC and clang read the canary at TP-0x7010 (ppc64) / TP-0x7008 (ppc)");
static_assert(sizeof(Tcb) == 6 * sizeof(void*), "the size tests/unit/tls_layout_test.cpp assumes");

inline constexpr tls::Abi TLS_ABI{1, sizeof(Tcb), alignof(Tcb), TCB_TP_OFFSET, TP_BIAS, 0};
inline constexpr long DTV_OFFSET = 0x8000; // __tls_get_addr's offset bias

inline void init_tcb(Tcb*) {}

// clone's CLONE_SETTLS argument for a new thread whose thread pointer is tp: tp itself (the
// kernel loads it into the thread-pointer register of the child).
struct CloneTls {
    unsigned long arg(void* tp) { return reinterpret_cast<unsigned long>(tp); }
};

// Makes tp the calling thread's thread pointer (main thread; clone sets it for new threads).
inline bool set_thread_pointer(void* tp) {
#if defined(__powerpc64__)
    asm volatile("mr 13, %0" : : "r"(tp) : "memory");
#else
    asm volatile("mr 2, %0" : : "r"(tp) : "memory");
#endif
    return true;
}

inline void* thread_pointer() {
    void* p;
#if defined(__powerpc64__)
    asm volatile("mr %0, 13" : "=r"(p));
#else
    asm volatile("mr %0, 2" : "=r"(p));
#endif
    return p;
}

} // namespace rt::arch
