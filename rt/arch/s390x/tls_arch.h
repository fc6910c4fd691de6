// s390x TLS: variant II (ELF Handling For Thread-Local Storage, §3.4.2 and its s390/s390x
// chapter; s390x ELF ABI Supplement, "Thread-Local Storage"): the TLS block ends at TP. There
// is no TP bias. TP is the 64-bit value held in the access registers %a0 (high 32 bits) and
// %a1 (low 32 bits); user code reads them with `ear` and writes them with `sar` (both
// unprivileged; the kernel saves them per task, and clone's CLONE_SETTLS loads them in the
// child), so the main thread sets its TP without a syscall.
// TCB layout (glibc sysdeps/s390/nptl/tls.h, tcbhead_t, 64-bit): tcb (the TCB's own address)
// 0x00, dtv 0x08, self 0x10, multiple_threads 0x18, sysinfo 0x20, stack_guard 0x28 (glibc
// goes on with gscope_flag and __private_ss, which bedrock does not need: rt's own fields
// follow the canary). The stack-protector canary is read from TP+0x28 by GCC
// (gcc/config/s390/linux.h TARGET_THREAD_SSP_OFFSET: 0x28 on 64-bit) and by clang (LLVM
// SystemZ expands LOAD_STACK_GUARD to ear/sllg/ear + `lg 40(tp)`;
// llvm/test/CodeGen/SystemZ/stack-guard.ll).
// Sources: arch/s390/kernel/process.c (copy_thread: acrs[0] = tls >> 32, acrs[1] = tls),
// arch/s390/kernel/ptrace.c (the access registers are part of the user register set).
#pragma once

#include <stdint.h>

#include "rt/arch/generic/tls_abi.h"
#include "syscall_arch.h"

namespace rt::arch {

struct Tcb {
    Tcb* self;                 // TP+0x00
    void* dtv;                 // TP+0x08 (no dynamic modules: unused)
    Tcb* self2;                // TP+0x10 (glibc's header.self)
    void* reserved[2];         // TP+0x18 multiple_threads, TP+0x20 sysinfo
    uintptr_t canary;          // TP+0x28 stack-protector guard
    detail::TcbCommon rt;
};
static_assert(offsetof(Tcb, canary) == 0x28, "GCC and clang read the canary at TP+0x28");
static_assert(sizeof(Tcb) == 80, "tests/unit/tls_layout_test.cpp lays out an 80-byte TCB");

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
    unsigned long v = reinterpret_cast<unsigned long>(tp);
    asm volatile("sar %%a1, %0\n\t"
                 "srlg %0, %0, 32\n\t"
                 "sar %%a0, %0"
                 : "+d"(v)
                 :
                 : "memory");
    return true;
}

inline void* thread_pointer() {
    unsigned long v;
    asm("ear %0, %%a0\n\t"
        "sllg %0, %0, 32\n\t"
        "ear %0, %%a1"
        : "=d"(v));
    return reinterpret_cast<void*>(v);
}

} // namespace rt::arch
