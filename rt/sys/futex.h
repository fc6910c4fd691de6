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

// On a kernel before 5.1, 32-bit ABIs fall back on the 32-bit futex (rt/sys/time.h). The
// timeout argument is a timespec only for the waiting operations; the others (REQUEUE,
// CMP_REQUEUE, WAKE_OP) pass a count in its place, which is not a pointer to convert: those
// ops are handed over unchanged.
template <class S = Sys>
Expected<long, Errno> futex(uint32_t* uaddr, int op, uint32_t val, const Timespec* timeout = nullptr,
                            uint32_t* uaddr2 = nullptr, uint32_t val3 = 0) {
    if constexpr (requires { S::futex_time64; S::futex; }) {
        return detail::with_time32_fallback(
            [&] { return syscall<long>(S::futex_time64, uaddr, op, val, timeout, uaddr2, val3); }, [&] {
                int cmd = op & futex_op::CMD_MASK;
                bool timed = cmd == futex_op::WAIT || cmd == futex_op::WAIT_BITSET || cmd == futex_op::LOCK_PI ||
                             cmd == futex_op::WAIT_REQUEUE_PI || cmd == futex_op::LOCK_PI2;
                if (!timed || !timeout) return syscall<long>(S::futex, uaddr, op, val, timeout, uaddr2, val3);
                Timespec32 t32 = detail::to_time32(*timeout);
                return syscall<long>(S::futex, uaddr, op, val, &t32, uaddr2, val3);
            });
    } else {
        return syscall<long>(detail::futex_nr<S>(), uaddr, op, val, timeout, uaddr2, val3);
    }
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
