// rt::Futex: waiting on a 32-bit word, the building block of every rt/sync primitive.
// Private futexes (the word is never shared with another process). Waits may return
// spuriously (a signal, a racing wake): callers re-check their condition in a loop.
// Timed waits report a timeout distinctly, as WaitError::TimedOut.
#pragma once

#include <stdint.h>

#include "rt/core/atomic.h"
#include "rt/core/duration.h"
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
    // Sleeps while word == expect for at most `timeout` (the rule of rt/core/duration.h: <= 0
    // only checks, a timeout past NO_DEADLINE_AFTER is none).
    static Expected<void, WaitError> wait_for(FutexWord& word, uint32_t expect, Duration timeout);
    // Sleeps while word == expect until CLOCK_MONOTONIC reaches `deadline`; a deadline already
    // past returns TimedOut at once (unless the word differs).
    static Expected<void, WaitError> wait_until(FutexWord& word, uint32_t expect, Deadline deadline);
    // Wakes up to n waiters (n = 0x7fffffff: all); returns how many were woken.
    static int wake(FutexWord& word, int n);
};

inline constexpr int WAKE_ALL = 0x7fffffff;

} // namespace rt
