// The futex syscall (futex_time64 on 32-bit ABIs). rt/sync builds the primitives on it.
#pragma once

#include "rt/sys/syscall.h"
#include "rt/sys/time.h"
#include "uapi.h"

namespace rt::sys {

namespace detail {
template <class S = Sys> constexpr S futex_nr() {
    if constexpr (requires { S::futex_time64; }) return S::futex_time64;
    else return S::futex;
}
} // namespace detail

inline Expected<long, Errno> futex(uint32_t* uaddr, int op, uint32_t val, const Timespec* timeout = nullptr,
                                   uint32_t* uaddr2 = nullptr, uint32_t val3 = 0) {
    return syscall<long>(detail::futex_nr(), uaddr, op, val, timeout, uaddr2, val3);
}

// Sleeps while *word == expect. `timeout` is relative (CLOCK_MONOTONIC); null waits forever.
// Errors: AGAIN (the word differed), TIMEDOUT, INTR.
inline Expected<void, Errno> futex_wait(uint32_t* word, uint32_t expect, const Timespec* timeout = nullptr,
                                        bool priv = true) {
    int op = futex_op::WAIT | (priv ? futex_op::PRIVATE_FLAG : 0);
    auto r = futex(word, op, expect, timeout);
    if (!r) return unexpected(r.error());
    return {};
}

// Wakes up to n waiters; returns how many were woken.
inline Expected<int, Errno> futex_wake(uint32_t* word, int n, bool priv = true) {
    int op = futex_op::WAKE | (priv ? futex_op::PRIVATE_FLAG : 0);
    auto r = futex(word, op, static_cast<uint32_t>(n));
    if (!r) return unexpected(r.error());
    return static_cast<int>(*r);
}

} // namespace rt::sys
