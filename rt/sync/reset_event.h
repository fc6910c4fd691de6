// rt::ResetEvent: a flag threads can wait for (4 bytes, constexpr-constructible). set() makes
// every current and later wait return until reset(); what the setter did before set() is
// visible to a waiter after its wait returns. timed_wait reports WaitError::TimedOut,
// wait_cancelable Errno::CANCELED; an event set as either ends counts as set.
//
//   rt::ResetEvent ready;
//   // producer: fill(data); ready.set();
//   // consumer: ready.wait(); use(data);
//
// The state word: 0 unset; 1 unset and some thread sleeps on the word; 2 set.
// set wakes sleepers only when state was 1; is_set/wait on a set event take no syscall.
#pragma once

#include <stdint.h>

#include "rt/sync/futex.h"
#include "rt/sync/cancel.h"

namespace rt {

class ResetEvent {
public:
    constexpr ResetEvent() = default;
    ResetEvent(const ResetEvent&) = delete;
    ResetEvent& operator=(const ResetEvent&) = delete;

    // Acquire: whatever the setter did before set() is visible after is_set()/wait() return.
    bool is_set() const { return state_.load(Order::Acquire) == SET; }
    void set() {
        // Release: publishes the setter's writes to the waiters.
        if (state_.exchange(SET, Order::Release) == WAITING) Futex::wake(state_, WAKE_ALL);
    }
    void reset() { state_.store(UNSET, Order::Relaxed); }
    void wait() {
        if (!is_set()) wait_slow();
    }
    // TimedOut when `timeout` passes first (the rule of rt/core/duration.h: <= 0 only checks).
    Expected<void, WaitError> timed_wait(Duration timeout);
    // TimedOut when CLOCK_MONOTONIC reaches `deadline` first.
    Expected<void, WaitError> wait_until(Deadline deadline);
    // wait as a cancel point of an executor task (rt/sync/cancel.h).
    Expected<void, Errno> wait_cancelable() {
        if (is_set()) return {};
        return wait_cancelable_slow();
    }

private:
    enum : uint32_t { UNSET = 0, WAITING = 1, SET = 2 };
    [[gnu::cold]] void wait_slow();
    [[gnu::cold]] Expected<void, Errno> wait_cancelable_slow();
    detail::WaitStatus wait_impl(Deadline deadline, bool cancelable);
    FutexWord state_{UNSET};
};
static_assert(sizeof(ResetEvent) == 4, "one futex word");

} // namespace rt
