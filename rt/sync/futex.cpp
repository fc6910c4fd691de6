#include "rt/sync/futex.h"

#include "rt/core/panic.h"
#include "rt/io/format.h"
#include "rt/sys/futex.h"
#include "rt/time/clock.h"

namespace rt {

namespace {
uint32_t* word_ptr(const uint32_t* w) { return const_cast<uint32_t*>(w); }

// EINTR and EAGAIN are wake-ups as far as callers are concerned (they re-check); EFAULT or
// EINVAL mean a bad word or a broken invariant.
[[gnu::cold]] void bad_wait(Errno e) {
    char msg[64];
    format_to(msg, sizeof msg, "futex wait failed: {}", e);
    panic(msg);
}
} // namespace

void Futex::wait(const uint32_t* word, uint32_t expect) {
    auto r = sys::futex_wait(word_ptr(word), expect);
    if (!r && r.error() != Errno::INTR && r.error() != Errno::AGAIN) bad_wait(r.error());
}

Expected<void, WaitError> Futex::wait_for(const uint32_t* word, uint32_t expect, int64_t ns) {
    if (ns < 0) ns = 0;
    // Beyond ~146 years the monotonic clock cannot get there: wait without a timeout.
    if (is_no_deadline(ns)) {
        wait(word, expect);
        return {};
    }
    sys::Timespec t{ns / 1'000'000'000, ns % 1'000'000'000};
    auto r = sys::futex_wait(word_ptr(word), expect, &t);
    if (r) return {};
    if (r.error() == Errno::TIMEDOUT) return unexpected(WaitError::TimedOut);
    if (r.error() != Errno::INTR && r.error() != Errno::AGAIN) bad_wait(r.error());
    return {};
}

Expected<void, WaitError> Futex::wait_until(const uint32_t* word, uint32_t expect, int64_t deadline_ns) {
    if (deadline_ns <= now(Clock::Monotonic)) {
        if (__atomic_load_n(word, __ATOMIC_RELAXED) != expect) return {};
        return unexpected(WaitError::TimedOut);
    }
    if (is_no_deadline(deadline_ns)) {
        wait(word, expect);
        return {};
    }
    // FUTEX_WAIT_BITSET takes an absolute CLOCK_MONOTONIC time (plain FUTEX_WAIT a relative one).
    sys::Timespec t{deadline_ns / 1'000'000'000, deadline_ns % 1'000'000'000};
    auto r = sys::futex(word_ptr(word), sys::futex_op::WAIT_BITSET | sys::futex_op::PRIVATE_FLAG, expect, &t,
                        nullptr, static_cast<uint32_t>(sys::futex_op::BITSET_MATCH_ANY));
    if (r) return {};
    if (r.error() == Errno::TIMEDOUT) return unexpected(WaitError::TimedOut);
    if (r.error() != Errno::INTR && r.error() != Errno::AGAIN) bad_wait(r.error());
    return {};
}

int Futex::wake(const uint32_t* word, int n) {
    auto r = sys::futex_wake(word_ptr(word), n);
    return r ? *r : 0;
}

} // namespace rt
