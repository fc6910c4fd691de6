// rt::Semaphore: a count of permits (8 bytes, constexpr-constructible). wait takes one,
// sleeping while there is none; post(n) adds n and wakes up to n waiters; posting beyond MAX
// panics. timed_wait reports WaitError::TimedOut (a permit that arrives with the timeout is
// taken, not reported as a timeout); wait_cancelable Errno::CANCELED, without a permit.
//
//   rt::Semaphore slots(4);
//   slots.wait(); use_slot(); slots.post();
//
// The words: permits_, the count (a waiter sleeps on it while it is 0); waiters_, threads about
// to sleep (post skips the wake syscall when it is 0).
#pragma once

#include <stdint.h>

#include "rt/sync/futex.h"
#include "rt/sync/cancel.h"

namespace rt {

class Semaphore {
public:
    constexpr explicit Semaphore(uint32_t initial = 0) : permits_(initial) {}
    Semaphore(const Semaphore&) = delete;
    Semaphore& operator=(const Semaphore&) = delete;

    bool try_wait() {
        uint32_t c = permits_.load(Order::Relaxed);
        // Acquire on success: what the poster did before post() happens-before us.
        while (c > 0)
            if (permits_.compare_exchange_weak(c, c - 1, Order::Acquire, Order::Relaxed)) return true;
        return false;
    }
    void wait() {
        if (!try_wait()) wait_slow();
    }
    // TimedOut when `timeout` passes first (the rule of rt/core/duration.h: <= 0 only checks).
    Expected<void, WaitError> timed_wait(Duration timeout);
    // TimedOut when CLOCK_MONOTONIC reaches `deadline` first.
    Expected<void, WaitError> wait_until(Deadline deadline);
    // wait as a cancel point of an executor task: Canceled, without a permit, when the task
    // is canceled while it waits.
    Expected<void, Errno> wait_cancelable() {
        if (try_wait()) return {};
        return wait_cancelable_slow();
    }
    void post(uint32_t n = 1) {
        // Release publishes our writes to the taker; seq_cst pairs with the waiter's waiters_
        // increment so that either it sees the permit or we see it waiting.
        uint32_t before = permits_.fetch_add(n, Order::SeqCst);
        if (before > MAX - n) overflow();
        if (waiters_.load(Order::SeqCst) != 0) Futex::wake(permits_, static_cast<int>(n));
    }
    // The most permits a semaphore holds; posting beyond it panics.
    static constexpr uint32_t MAX = 0xffffffffu;
    uint32_t permits() const { return permits_.load(Order::Relaxed); }

private:
    [[gnu::cold]] void wait_slow();
    [[gnu::cold]] Expected<void, Errno> wait_cancelable_slow();
    detail::WaitStatus wait_impl(Deadline deadline, bool cancelable);
    [[noreturn, gnu::cold]] static void overflow();
    FutexWord permits_;
    FutexWord waiters_{0};
};
static_assert(sizeof(Semaphore) == 8, "two futex words");

} // namespace rt
