#include "rt/sync/futex.h"

#include "rt/core/panic.h"
#include "rt/io/panicf.h"
#include "rt/sys/futex.h"
#include "rt/time/clock.h"

namespace rt {

namespace {
[[noreturn, gnu::cold]] void bad_wait(Errno e) { panicf("futex wait failed: {}", e); }

// A wait's result: EINTR and EAGAIN are wake-ups as far as callers are concerned (they
// re-check); ETIMEDOUT is the timeout; anything else (EFAULT, EINVAL) a bad word or a broken
// invariant.
template <class T> Expected<void, WaitError> outcome(const Expected<T, Errno>& r) {
    if (r || r.error() == Errno::INTR || r.error() == Errno::AGAIN) return {};
    if (r.error() == Errno::TIMEDOUT) return unexpected(WaitError::TimedOut);
    bad_wait(r.error());
}
} // namespace

void Futex::wait(FutexWord& word, uint32_t expect) { (void)outcome(sys::futex_wait(word.word(), expect)); }

Expected<void, WaitError> Futex::wait_for(FutexWord& word, uint32_t expect, Duration timeout) {
    int64_t ns = timeout.ns() < 0 ? 0 : timeout.ns();
    // Beyond ~146 years the monotonic clock cannot get there: wait without a timeout.
    if (ns >= NO_DEADLINE_AFTER) {
        wait(word, expect);
        return {};
    }
    sys::Timespec t{ns / 1'000'000'000, ns % 1'000'000'000};
    return outcome(sys::futex_wait(word.word(), expect, &t));
}

Expected<void, WaitError> Futex::wait_until(FutexWord& word, uint32_t expect, Deadline deadline) {
    if (deadline.is_never()) {
        wait(word, expect);
        return {};
    }
    int64_t deadline_ns = deadline.ns();
    if (deadline_ns <= now(Clock::Monotonic)) {
        if (word.load(Order::Relaxed) != expect) return {};
        return unexpected(WaitError::TimedOut);
    }
    // FUTEX_WAIT_BITSET takes an absolute CLOCK_MONOTONIC time (plain FUTEX_WAIT a relative one).
    sys::Timespec t{deadline_ns / 1'000'000'000, deadline_ns % 1'000'000'000};
    return outcome(sys::futex(word.word(), sys::futex_op::WAIT_BITSET | sys::futex_op::PRIVATE_FLAG, expect, &t,
                              nullptr, static_cast<uint32_t>(sys::futex_op::BITSET_MATCH_ANY)));
}

int Futex::wake(FutexWord& word, int n) {
    auto r = sys::futex_wake(word.word(), n);
    return r ? static_cast<int>(*r) : 0;
}

} // namespace rt
