// rt_sigaction for ABIs whose kernel struct sigaction has no sa_restorer (riscv, loongarch).
//
// QEMU's user-mode emulation (7.2, the version the test matrix runs on) gives these targets a
// struct with sa_restorer after sa_flags, so it reads the mask one word further and writes one
// word more than the kernel does — which silently corrupts the caller's memory and loses the
// handler. Rather than trusting either, the layout in force is probed once with a harmless
// query (act = null) into a buffer filled with a pattern: the number of bytes written tells
// the kernel's layout from the emulator's. Calls then go through a buffer of that layout.
#pragma once

#include "rt/arch/generic/kernel_types.h"

namespace rt::arch::generic {

template <class KernelSigaction, class Syscall4>
long rt_sigaction_probed(Syscall4 syscall4, long nr, int sig, const KernelSigaction* act, KernelSigaction* old) {
    constexpr unsigned long L = sizeof(unsigned long);
    constexpr unsigned long SET = sizeof(KernelSigaction::mask);
    // 0: not probed yet, 1: the kernel's layout, 2: with a restorer word. Racing probes agree,
    // so relaxed ordering suffices.
    static int layout;
    int l = __atomic_load_n(&layout, __ATOMIC_RELAXED);
    if (l == 0) {
        unsigned char probe[2 * L + SET + L + 16];
        for (auto& b : probe) b = 0xa5;
        long r = syscall4(nr, 1 /* SIGHUP, whose action every process has */, 0, reinterpret_cast<long>(probe), SET);
        if (r < 0 && r >= -4095) return r;
        l = probe[2 * L + SET] != 0xa5 || probe[2 * L + SET + L - 1] != 0xa5 ? 2 : 1;
        __atomic_store_n(&layout, l, __ATOMIC_RELAXED);
    }
    if (l == 1)
        return syscall4(nr, sig, reinterpret_cast<long>(act), reinterpret_cast<long>(old), SET);

    struct WithRestorer {
        void* handler;
        unsigned long flags;
        void* restorer;
        decltype(KernelSigaction::mask) mask;
    } in{}, out{};
    if (act) in = WithRestorer{act->handler, act->flags, nullptr, act->mask};
    long r = syscall4(nr, sig, act ? reinterpret_cast<long>(&in) : 0, old ? reinterpret_cast<long>(&out) : 0, SET);
    if (old && !(r < 0 && r >= -4095)) {
        old->handler = out.handler;
        old->flags = out.flags;
        old->mask = out.mask;
    }
    return r;
}

} // namespace rt::arch::generic
