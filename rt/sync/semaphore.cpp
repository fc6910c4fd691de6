#include "rt/sync/semaphore.h"

#include "rt/core/panic.h"
#include "rt/time/clock.h"

namespace rt {

void Semaphore::overflow() { panic("rt::Semaphore::post beyond the maximum count of permits"); }

// wait, timed_wait and wait_cancelable in one: until a permit is taken, the deadline passes
// (negative: none) or, when cancelable, the task is canceled (then without a permit).
detail::WaitStatus Semaphore::wait_impl(Deadline deadline, bool cancelable) {
    waiters_.fetch_add(1, Order::SeqCst);
    auto r = detail::WaitStatus::Woken;
    while (!try_wait()) {
        r = detail::futex_wait_until(permits_, 0, deadline, cancelable);
        if (r == detail::WaitStatus::Woken) continue;
        // A permit may have arrived with the timeout; take it rather than report failure.
        if (r == detail::WaitStatus::TimedOut && try_wait()) r = detail::WaitStatus::Woken;
        break;
    }
    waiters_.fetch_sub(1, Order::Relaxed);
    // A post may have woken us for a permit we now leave: wake another waiter for it.
    if (r != detail::WaitStatus::Woken && permits() != 0 && waiters_.load(Order::SeqCst) != 0)
        Futex::wake(permits_, 1);
    return r;
}

void Semaphore::wait_slow() { (void)wait_impl(Deadline::never(), false); }

Expected<void, Errno> Semaphore::wait_cancelable_slow() {
    if (wait_impl(Deadline::never(), true) == detail::WaitStatus::Canceled) return unexpected(Errno::CANCELED);
    return {};
}

Expected<void, WaitError> Semaphore::timed_wait(Duration timeout) {
    if (try_wait()) return {};
    return wait_until(deadline_after(timeout));
}

Expected<void, WaitError> Semaphore::wait_until(Deadline deadline) {
    if (try_wait()) return {};
    if (wait_impl(deadline, false) == detail::WaitStatus::TimedOut) return unexpected(WaitError::TimedOut);
    return {};
}

} // namespace rt
