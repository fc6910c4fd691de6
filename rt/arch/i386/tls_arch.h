// i386 TLS: variant II (ELF Handling For Thread-Local Storage, §3.4.2; i386 psABI / the GNU
// TLS ABI for IA-32): the TLS block ends at TP, which is the base of the segment %gs selects.
// There is no TP bias. The kernel holds the base in a GDT "TLS" descriptor: the main thread asks
// set_thread_area for one with entry_number = -1 (the kernel picks a free slot among
// GDT_ENTRY_TLS_MIN..MAX and writes the number back), then loads %gs with the selector
// (entry << 3) | 3 (GDT, RPL 3). The entry number is kept in g_gdt_entry for clone's
// CLONE_SETTLS, which takes a struct user_desc on i386.
// TCB layout (glibc sysdeps/i386/nptl/tls.h, tcbhead_t): tcb (the TCB's own address: %gs:0,
// which initial-exec and local-exec code load to form addresses), dtv, self,
// multiple_threads, sysinfo, stack_guard at %gs:0x14, pointer_guard at %gs:0x18. GCC reads the
// stack-protector canary from %gs:0x14 (gcc/config/i386/gnu-user.h TARGET_THREAD_SSP_OFFSET)
// and so does clang (LLVM X86TargetLowering::getIRStackGuard: offset 0x14 in address space 256,
// %gs, for 32-bit Linux).
// Sources: arch/x86/kernel/tls.c (do_set_thread_area, entry_number -1), arch/x86/include/uapi/
// asm/ldt.h (struct user_desc), arch/x86/include/asm/segment.h (GDT_ENTRY_TLS_MIN 6 on 32-bit
// kernels, 12 for compat tasks; selector = index * 8 + 3).
#pragma once

#include <stdint.h>

#include "rt/arch/generic/tls_abi.h"
#include "syscall_arch.h"
#include "syscall_nr.h"

namespace rt::arch {

struct Tcb {
    Tcb* self;                 // %gs:0x00
    void* dtv;                 // %gs:0x04 (no dynamic modules: unused)
    Tcb* self2;                // %gs:0x08 (glibc's header.self)
    void* reserved[2];         // %gs:0x0c multiple_threads, %gs:0x10 sysinfo
    uintptr_t canary;          // %gs:0x14 stack-protector guard
    uintptr_t pointer_guard;   // %gs:0x18
    detail::TcbCommon rt;
};
static_assert(offsetof(Tcb, canary) == 0x14, "GCC and clang read the canary at %gs:0x14");
static_assert(sizeof(Tcb) == 44, "tests/unit/tls_layout_test.cpp lays out a 44-byte TCB");

inline constexpr tls::Abi TLS_ABI{2, sizeof(Tcb), alignof(Tcb), 0, 0, 0};
inline constexpr long DTV_OFFSET = 0;      // __tls_get_addr's offset bias

// struct user_desc (arch/x86/include/uapi/asm/ldt.h), as set_thread_area and clone read it.
struct UserDesc {
    unsigned entry_number;
    unsigned base_addr;
    unsigned limit;
    unsigned seg_32bit : 1;
    unsigned contents : 2;
    unsigned read_exec_only : 1;
    unsigned limit_in_pages : 1;
    unsigned seg_not_present : 1;
    unsigned useable : 1;
};
static_assert(sizeof(UserDesc) == 16, "struct user_desc is 16 bytes");

// The GDT entry the main thread's %gs uses (-1 until set_thread_pointer ran). Threads reuse it:
// clone(CLONE_SETTLS) rewrites the same descriptor in the child with the child's base.
inline int g_gdt_entry = -1;

// A flat 4 GiB data descriptor (limit 0xfffff pages) based at tp.
inline UserDesc tls_descriptor(int entry, void* tp) {
    UserDesc d{};
    d.entry_number = static_cast<unsigned>(entry);
    d.base_addr = static_cast<unsigned>(reinterpret_cast<uintptr_t>(tp));
    d.limit = 0xfffff;
    d.seg_32bit = 1;
    d.limit_in_pages = 1;
    d.useable = 1;
    return d;
}

inline void init_tcb(Tcb* t) {
    t->self = t;
    t->self2 = t;
}

// clone's CLONE_SETTLS argument for a new thread whose thread pointer is tp: a user_desc for
// the main thread's GDT entry (the child inherits %gs and the kernel installs the descriptor
// with tp as base in the child only: arch/x86/kernel/process.c set_new_tls -> do_set_thread_area).
// Lives in the parent's frame across the syscall, which copies it.
struct CloneTls {
    UserDesc desc;
    unsigned long arg(void* tp) {
        desc = tls_descriptor(g_gdt_entry, tp);
        return reinterpret_cast<unsigned long>(&desc);
    }
};

// Makes tp the calling thread's thread pointer (main thread; clone sets it for new threads).
inline bool set_thread_pointer(void* tp) {
    UserDesc d = tls_descriptor(g_gdt_entry, tp);
    if (syscall1(static_cast<Word>(sys::Sys::set_thread_area), reinterpret_cast<Word>(&d)) != 0) return false;
    g_gdt_entry = static_cast<int>(d.entry_number);
    unsigned short selector = static_cast<unsigned short>((d.entry_number << 3) | 3);
    asm volatile("movw %w0, %%gs" : : "q"(selector) : "memory");
    return true;
}

inline void* thread_pointer() {
    void* p;
    asm("movl %%gs:0, %0" : "=r"(p));
    return p;
}

} // namespace rt::arch
