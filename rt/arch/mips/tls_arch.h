// mips TLS (o32, n32, n64): variant I (ELF Handling For Thread-Local Storage, §3.4.1; the
// MIPS TLS conventions as binutils, GCC, LLVM, glibc and musl implement them):
// - TP is hardware register $29 (UserLocal), read with `rdhwr $3, $29`. The kernel sets it
//   for the calling thread with the set_thread_area syscall (arch/mips/kernel/syscall.c:
//   ti->tp_value = addr, and the UserLocal register where the CPU has one) and for a new
//   thread from clone's CLONE_SETTLS (arch/mips/kernel/process.c copy_thread: ti->tp_value =
//   tls). CPUs without UserLocal trap on rdhwr and the kernel emulates it, fastest for
//   exactly `rdhwr $3, $29` (arch/mips/kernel/genex.S handle_ri_rdhwr: 0x7c03e83b), which is
//   why rd is $3 (v1) here as in GCC's and clang's own code. `.set mips32r2` lets the
//   assembler accept rdhwr whatever -march says (glibc sysdeps/mips/nptl/tls.h does the same).
// - TP is biased: TP = (start of the TLS block area) + 0x7000, so that a single signed 16-bit
//   %tprel offset reaches the first 60 KiB of TLS (binutils elfxx-mips.c TP_OFFSET 0x7000: a
//   TP-relative offset is address - (TLS segment start + 0x7000)). No gap: the block starts
//   at base = TP - 0x7000.
// - TCB: glibc's tcbhead_t {dtv, private} ends at base (sysdeps/mips/nptl/tls.h,
//   TLS_TCB_OFFSET 0x7000, TLS_TCB_SIZE 0). Nothing the compilers emit reads it; rt's Tcb sits
//   in the same place (its end at base) with its own words.
// - Stack protector: GCC and clang read the global __stack_chk_guard on mips (gcc/config/mips
//   defines no TARGET_THREAD_SSP_OFFSET; LLVM's Mips back end overrides neither
//   getIRStackGuard nor useLoadStackGuardNode, so the default global applies). Both emit a
//   GOT load of it (`lw $16,%got(__stack_chk_guard)($28)` with -fstack-protector-all -S, o32,
//   n32 and n64). Tcb::canary holds the same value for rt's generic code only.
// - __tls_get_addr (general-dynamic code: the mips linkers do not relax it) receives offsets
//   biased by -0x8000 (R_MIPS_TLS_DTPREL* = S + A - 0x8000, binutils DTP_OFFSET), hence
//   DTV_OFFSET 0x8000 (glibc sysdeps/mips/dl-tls.h TLS_DTV_OFFSET).
#pragma once

#include <stdint.h>

#include "rt/arch/generic/tls_abi.h"
#include "syscall_arch.h"
#include "syscall_nr.h"

namespace rt::arch {

struct Tcb {
    void* dtv;                 // (no dynamic modules: unused)
    uintptr_t canary;          // a copy of __stack_chk_guard, which the compilers read
    detail::TcbCommon rt;
};
static_assert(sizeof(Tcb) == 6 * sizeof(void*), "the size tests/unit/tls_layout_test.cpp assumes");

inline constexpr size_t TP_BIAS = 0x7000;
inline constexpr ptrdiff_t TCB_TP_OFFSET = -static_cast<ptrdiff_t>(TP_BIAS) - static_cast<ptrdiff_t>(sizeof(Tcb));

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
    auto addr = static_cast<Word>(reinterpret_cast<intptr_t>(tp)); // n32: sign-extended, as registers hold it
    return syscall1(static_cast<Word>(sys::Sys::set_thread_area), addr) == 0;
}

inline void* thread_pointer() {
    register void* v1 asm("$3");
    asm volatile(".set push\n\t"
                 ".set mips32r2\n\t"
                 "rdhwr $3, $29\n\t"
                 ".set pop"
                 : "=r"(v1));
    return v1;
}

} // namespace rt::arch
