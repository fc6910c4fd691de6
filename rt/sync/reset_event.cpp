#include "rt/sync/reset_event.h"

#include "rt/time/clock.h"

namespace rt {

// wait, timed_wait and wait_cancelable in one: until the event is set, the deadline passes
// (negative: none) or, when cancelable, the task is canceled. An event set as the wait ends
// otherwise counts as set.
detail::WaitStatus ResetEvent::wait_impl(Deadline deadline, bool cancelable) {
    for (;;) {
        uint32_t s = state_.load(Order::Acquire);
        if (s == SET) return detail::WaitStatus::Woken;
        // Announce a sleeper so that set() wakes us; relaxed: the futex word carries the order.
        if (s == UNSET && !state_.compare_exchange(s, WAITING, Order::Relaxed, Order::Relaxed))
            continue;
        // set() wakes every sleeper: a canceled or timed-out waiter takes no wake-up from another.
        auto w = detail::futex_wait_until(state_, WAITING, deadline, cancelable);
        if (w != detail::WaitStatus::Woken) return is_set() ? detail::WaitStatus::Woken : w;
    }
}

void ResetEvent::wait_slow() { (void)wait_impl(Deadline::never(), false); }

Expected<void, Errno> ResetEvent::wait_cancelable_slow() {
    if (wait_impl(Deadline::never(), true) == detail::WaitStatus::Canceled) return unexpected(Errno::CANCELED);
    return {};
}

Expected<void, WaitError> ResetEvent::timed_wait(Duration timeout) {
    if (is_set()) return {};
    return wait_until(deadline_after(timeout));
}

Expected<void, WaitError> ResetEvent::wait_until(Deadline deadline) {
    if (is_set()) return {};
    if (wait_impl(deadline, false) == detail::WaitStatus::TimedOut) return unexpected(WaitError::TimedOut);
    return {};
}

} // namespace rt
