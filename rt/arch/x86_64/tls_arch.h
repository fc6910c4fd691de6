// x86_64 TLS: variant II (ELF Handling For Thread-Local Storage, §3.4.2 / x86-64 psABI): the
// TLS block ends at TP, which the kernel keeps as the FS base (arch_prctl(ARCH_SET_FS)). The
// word at TP is the TCB's own address (initial-exec code loads %fs:0 to form addresses); the
// stack-protector canary is read from %fs:0x28 by GCC and clang (glibc's tcbhead_t layout).
// Sources: arch/x86/include/uapi/asm/prctl.h (ARCH_SET_FS 0x1002), glibc
// sysdeps/x86_64/nptl/tls.h (tcbhead_t), gcc/config/i386/gnu-user64.h (TARGET_THREAD_SSP_OFFSET).
#pragma once

#include <stdint.h>

#include "rt/arch/generic/tls_abi.h"
#include "syscall_arch.h"
#include "syscall_nr.h"

namespace rt::arch {

struct Tcb {
    Tcb* self;                 // %fs:0x00
    void* dtv;                 // %fs:0x08 (no dynamic modules: unused)
    Tcb* self2;                // %fs:0x10 (glibc's header.self)
    void* reserved[2];         // %fs:0x18
    uintptr_t canary;          // %fs:0x28 stack-protector guard
    uintptr_t pointer_guard;   // %fs:0x30
    detail::TcbCommon rt;
};
static_assert(offsetof(Tcb, canary) == 0x28, "GCC and clang read the canary at %fs:0x28");

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
    constexpr Word ARCH_SET_FS = 0x1002;
    return syscall2(static_cast<Word>(sys::Sys::arch_prctl), ARCH_SET_FS, reinterpret_cast<Word>(tp)) == 0;
}

inline void* thread_pointer() {
    void* p;
    asm("mov %%fs:0, %0" : "=r"(p));
    return p;
}

} // namespace rt::arch
