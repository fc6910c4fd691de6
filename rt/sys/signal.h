// Signal syscalls. The kernel's struct sigaction and stack_t differ between ABIs; arch_abi.h
// gives the layout, and these wrappers take the arch's types.
#pragma once

#include "arch_abi.h"
#include "rt/sys/syscall.h"
#include "uapi.h"

namespace rt::sys {

using SigSet = arch::SigSet;
using KernelSigaction = arch::KernelSigaction;
using KernelStack = arch::KernelStack;

constexpr void sigset_add(SigSet& s, int sig) {
    s.words[(sig - 1) / SigSet::BITS] |= 1ul << ((sig - 1) % SigSet::BITS);
}
constexpr void sigset_del(SigSet& s, int sig) {
    s.words[(sig - 1) / SigSet::BITS] &= ~(1ul << ((sig - 1) % SigSet::BITS));
}
constexpr bool sigset_has(const SigSet& s, int sig) {
    return (s.words[(sig - 1) / SigSet::BITS] >> ((sig - 1) % SigSet::BITS)) & 1;
}
constexpr SigSet sigset_full() {
    SigSet s{};
    for (auto& w : s.words) w = ~0ul;
    return s;
}

inline Expected<void, Errno> rt_sigaction(int sig, const KernelSigaction* act, KernelSigaction* old) {
    return to_expected<void>(arch::rt_sigaction(static_cast<Word>(Sys::rt_sigaction), sig, act, old));
}

// Installs `handler` (a void(int) or, with sa::SIGINFO, a void(int, siginfo*, void*)) for sig,
// blocking `mask` while it runs; supplies the arch's sigreturn trampoline where the kernel
// needs one. Returns the previous action in *old when non-null.
inline Expected<void, Errno> sigaction(int sig, void* handler, unsigned long flags, const SigSet& mask,
                                       KernelSigaction* old = nullptr) {
    KernelSigaction act{};
    act.handler = handler;
    act.flags = flags;
    act.mask = mask;
    arch::set_restorer(act);
    return rt_sigaction(sig, &act, old);
}

inline Expected<void, Errno> rt_sigprocmask(int how, const SigSet* set, SigSet* old) {
    return syscall<void>(Sys::rt_sigprocmask, how, set, old, sizeof(SigSet));
}

inline Expected<void, Errno> sigaltstack(const KernelStack* ss, KernelStack* old) {
    return syscall<void>(Sys::sigaltstack, ss, old);
}

} // namespace rt::sys
