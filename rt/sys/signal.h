// Signal syscalls. The kernel's struct sigaction and stack_t differ between ABIs; arch_abi.h
// gives the layout, and these wrappers take the arch's types.
#pragma once

#include "arch_abi.h"
#include "rt/core/atomic.h"
#include "rt/sys/syscall.h"
#include "uapi.h"

namespace rt::sys {

namespace detail {
// Every signal that rt_sigaction below has given a handler (not SIG_DFL or SIG_IGN) since the
// process started, a bit per signal, never cleared. A spawned child resets these to the default
// before it unblocks signals (rt/ops/process.cpp), as musl's posix_spawn does with its own set,
// instead of asking the kernel about every signal. A handler installed by a raw syscall, around
// these wrappers, is not in it.
inline constexpr int HANDLER_SET_WORDS = static_cast<int>((sig::COUNT + 63) / 64);
extern Atomic<uint64_t> g_handler_set[HANDLER_SET_WORDS];
inline void note_handler(int sig, const void* handler) {
    auto h = reinterpret_cast<uintptr_t>(handler);
    if (sig < 1 || sig > static_cast<int>(sig::COUNT) || h == 0 || h == 1) return; // SIG_DFL, SIG_IGN
    // Relaxed: read by a child the same thread starts later (program order), or by one another
    // thread starts after installing a handler concurrently — a race the caller already has.
    g_handler_set[(sig - 1) / 64].fetch_or(uint64_t{1} << ((sig - 1) % 64), Order::Relaxed);
}
} // namespace detail

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
    auto r = to_expected<void>(arch::rt_sigaction(static_cast<Word>(Sys::rt_sigaction), sig, act, old));
    if (r && act) detail::note_handler(sig, act->handler);
    return r;
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
