// rt::Condition: a condition variable used with an rt::Mutex (8 bytes, constexpr-constructible).
// wait(m) unlocks m, sleeps until signaled, and locks m again before it returns; the caller
// holds m across its check of the predicate and the wait, and re-checks the predicate after
// (another thread may have changed it first). No spurious returns: a wait returns only with a
// signal, its timeout (WaitError::TimedOut) or, for wait_cancelable, cancellation
// (Errno::CANCELED); the mutex is held again in every case. At most 65535 threads wait at once
// (more panics). signal/broadcast may be called with or without the mutex held.
//
//   m.lock();
//   while (!ready) cv.wait(m);
//   m.unlock();
//   // elsewhere: { rt::LockGuard g(m); ready = true; } cv.signal();
//
// The two words (the scheme of Zig's std.Thread.Condition):
//   state_: waiters (bits 0..15): threads inside a wait;
//           signals (bits 16..31): wake-ups granted to those waiters and not yet taken.
//           signals <= waiters always; at most MAX_WAITERS threads wait at once.
//   epoch_: the futex word; signal/broadcast increment it, waiters sleep while it is unchanged
//           since they read it (before they counted themselves in), so no wake-up is lost.
// signal/broadcast take no syscall, and no read-modify-write, when every waiter already has a
// wake-up coming (or there is none): a producer signalling a busy consumer pays one load.
#pragma once

#include <stdint.h>

#include "rt/sync/futex.h"
#include "rt/sync/mutex.h"

namespace rt {

class Condition {
public:
    constexpr Condition() = default;
    Condition(const Condition&) = delete;
    Condition& operator=(const Condition&) = delete;

    void wait(Mutex& m);
    // TimedOut when `timeout` passes first (the rule of rt/core/duration.h), or CLOCK_MONOTONIC
    // reaches `deadline`; the mutex is held again on return either way.
    Expected<void, WaitError> timed_wait(Mutex& m, Duration timeout);
    Expected<void, WaitError> wait_until(Mutex& m, Deadline deadline);
    // wait as a cancel point of an executor task: Canceled when the task is canceled while it
    // waits. The mutex is held again on return either way (taken uncancelably).
    Expected<void, Errno> wait_cancelable(Mutex& m);
    void signal() {
        // Relaxed: a waiter counted itself in while holding the mutex the signaller has held
        // since (or holds), so the mutex orders the count before this load.
        uint32_t s = state_.load(Order::Relaxed);
        if ((s & WAITER_MASK) != (s >> SIGNAL_SHIFT)) notify(1);
    }
    void broadcast() {
        uint32_t s = state_.load(Order::Relaxed);
        if ((s & WAITER_MASK) != (s >> SIGNAL_SHIFT)) notify(WAKE_ALL);
    }

    static constexpr uint32_t MAX_WAITERS = 0xffff;

private:
    static constexpr uint32_t WAITER_MASK = 0xffff, ONE_WAITER = 1, SIGNAL_SHIFT = 16,
                              ONE_SIGNAL = uint32_t{1} << SIGNAL_SHIFT;
    [[gnu::cold]] void notify(int n);
    enum class Outcome : uint8_t { Signaled, TimedOut, Canceled };
    Outcome wait_impl(Mutex& m, Deadline deadline, bool cancelable);
    FutexWord state_{0};
    FutexWord epoch_{0};
};
static_assert(sizeof(Condition) == 8, "two words");

} // namespace rt
