// rt::Futex: waiting on a 32-bit word, the building block of every rt/sync primitive.
// Private futexes (the word is never shared with another process). Waits may return
// spuriously (a signal, a racing wake): callers re-check their condition in a loop.
// Timed waits report a timeout distinctly, as WaitError::TimedOut.
#pragma once

#include <stdint.h>

#include "rt/core/atomic.h"
#include "rt/core/expected.h"

namespace rt {

enum class WaitError {
    TimedOut, // the deadline passed before the wait was woken (futex: ETIMEDOUT)
};
constexpr const char* error_name(WaitError e) { return e == WaitError::TimedOut ? "TimedOut" : nullptr; }

// A futex word: 32 bits shared between threads, read and written as an Atomic.
using FutexWord = Atomic<uint32_t>;

struct Futex {
    // Sleeps while word == expect.
    static void wait(FutexWord& word, uint32_t expect);
    // Sleeps while word == expect for at most `ns` nanoseconds (0: just checks; values too
    // large to represent mean forever).
    static Expected<void, WaitError> wait_for(FutexWord& word, uint32_t expect, int64_t ns);
    // Sleeps while word == expect until CLOCK_MONOTONIC reaches `deadline_ns` (rt::now(Clock::
    // Monotonic) units); a deadline already past returns TimedOut at once.
    static Expected<void, WaitError> wait_until(FutexWord& word, uint32_t expect, int64_t deadline_ns);
    // Wakes up to n waiters (n = 0x7fffffff: all); returns how many were woken.
    static int wake(FutexWord& word, int n);
};

inline constexpr int WAKE_ALL = 0x7fffffff;

} // namespace rt
