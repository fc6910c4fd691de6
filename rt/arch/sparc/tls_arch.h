// sparc / sparc64 TLS: variant II (ELF Handling For Thread-Local Storage, §3.4.2 and its SPARC
// chapter): the TLS block ends at TP. There is no TP bias. TP is %g7, which the SPARC psABIs
// reserve for the system and Linux uses as the thread pointer (GCC and clang never allocate
// it; clang marks it `.register %g7, #ignore` on sparc64): the main thread simply writes it,
// and clone's CLONE_SETTLS puts the tls argument in the child's %g7.
// TCB layout (glibc sysdeps/sparc/nptl/tls.h, tcbhead_t): tcb (the TCB's own address), dtv,
// self, multiple_threads (+ gscope_flag on 64-bit), sysinfo, stack_guard, pointer_guard —
// stack_guard at %g7+0x14 on sparc32 and %g7+0x28 on sparc64, which is where GCC reads the
// stack-protector canary (gcc/config/sparc/linux.h TARGET_THREAD_SSP_OFFSET 0x14, linux64.h
// (TARGET_ARCH64 ? 0x28 : 0x14)) and clang too (LLVM SparcInstrInfo::expandPostRAPseudo
// expands LOAD_STACK_GUARD to a load from %g7 + (is64Bit ? 0x28 : 0x14) on Linux).
// Two pointer-sized reserved words between self and the canary give both offsets.
// Sources: arch/sparc/kernel/process_32.c and process_64.c (copy_thread: the child's
// u_regs[UREG_G7] = tls under CLONE_SETTLS).
#pragma once

#include <stdint.h>

#include "rt/arch/generic/tls_abi.h"
#include "syscall_arch.h"

namespace rt::arch {

struct Tcb {
    Tcb* self;                 // %g7 + 0x00
    void* dtv;                 // %g7 + 0x04 / 0x08 (no dynamic modules: unused)
    Tcb* self2;                // %g7 + 0x08 / 0x10 (glibc's header.self)
    void* reserved[2];         // multiple_threads (+ gscope_flag), sysinfo
    uintptr_t canary;          // %g7 + 0x14 / 0x28 stack-protector guard
    uintptr_t pointer_guard;   // %g7 + 0x18 / 0x30
    detail::TcbCommon rt;
};
static_assert(offsetof(Tcb, canary) == (sizeof(void*) == 8 ? 0x28 : 0x14),
              "GCC and clang read the canary at %g7+0x14 (sparc32) / %g7+0x28 (sparc64)");
static_assert(sizeof(Tcb) == (sizeof(void*) == 8 ? 88 : 44), "tests/unit/tls_layout_test.cpp's TCB sizes");

inline constexpr tls::Abi TLS_ABI{2, sizeof(Tcb), alignof(Tcb), 0, 0, 0};
inline constexpr long DTV_OFFSET = 0;      // __tls_get_addr's offset bias

inline void init_tcb(Tcb* t) {
    t->self = t;
    t->self2 = t;
}

// clone's CLONE_SETTLS argument for a new thread whose thread pointer is tp: tp itself (the
// kernel loads it into the thread-pointer register of the child).
struct CloneTls {
    unsigned long arg(void* tp) { return reinterpret_cast<unsigned long>(tp); }
};

// Makes tp the calling thread's thread pointer (main thread; clone sets it for new threads).
inline bool set_thread_pointer(void* tp) {
    asm volatile("mov %0, %%g7" : : "r"(tp) : "memory");
    return true;
}

inline void* thread_pointer() {
    void* p;
    asm("mov %%g7, %0" : "=r"(p));
    return p;
}

} // namespace rt::arch
