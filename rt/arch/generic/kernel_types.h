// Kernel structures shared by most ABIs, as the kernel reads them (not as libc presents them).
// An arch's arch_abi.h names the variant it uses; an ABI that differs defines its own.
// Sources: include/linux/signal_types.h (struct sigaction, __ARCH_HAS_SA_RESTORER),
// include/uapi/asm-generic/signal.h (stack_t), include/uapi/linux/time_types.h.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace rt::arch::generic {

// sigset_t as the kernel stores it: NSIG bits in an array of unsigned long, signal n at bit
// (n - 1) % bits-per-long of word (n - 1) / bits-per-long, whatever the byte order.
template <unsigned NSIG> struct SigSet {
    static constexpr unsigned BITS = 8 * sizeof(unsigned long);
    unsigned long words[NSIG / BITS];
};

// For ABIs whose kernel defines __ARCH_HAS_SA_RESTORER (x86, arm, arm64, powerpc, s390, sparc).
template <class Set> struct SigactionWithRestorer {
    void* handler;
    unsigned long flags;
    void (*restorer)();
    Set mask;
};

// For ABIs without it (riscv, loongarch): the kernel's struct has no restorer member.
template <class Set> struct SigactionNoRestorer {
    void* handler;
    unsigned long flags;
    Set mask;
};

struct Stack {
    void* sp;
    int flags;
    size_t size;
};

} // namespace rt::arch::generic
