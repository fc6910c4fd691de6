#include "rt/sync/condition.h"

#include "rt/core/panic.h"
#include "rt/time/clock.h"

namespace rt {

void Condition::notify(int n) {
    uint32_t s = state_.load(Order::Relaxed);
    uint32_t granted;
    for (;;) {
        uint32_t waiters = s & WAITER_MASK, signals = s >> SIGNAL_SHIFT;
        if (waiters == signals) return; // everyone has a wake-up coming
        granted = n == WAKE_ALL ? waiters - signals : 1;
        // Release: the waiter that takes this signal (acquire) sees what we did before.
        if (state_.compare_exchange_weak(s, s + granted * ONE_SIGNAL, Order::Release, Order::Relaxed))
            break;
    }
    // Release: a waiter that reads the new epoch has the signal counted in state_ too.
    epoch_.fetch_add(1, Order::Release);
    Futex::wake(epoch_, n == WAKE_ALL ? WAKE_ALL : static_cast<int>(granted));
}

Condition::Outcome Condition::wait_impl(Mutex& m, Deadline deadline, bool cancelable) {
    // The epoch first (acquire), then the count: a signal between the two finds us counted and
    // changes the epoch we are about to sleep on, so the futex returns at once.
    uint32_t epoch = epoch_.load(Order::Acquire);
    uint32_t s = state_.fetch_add(ONE_WAITER, Order::Relaxed);
    if ((s & WAITER_MASK) == MAX_WAITERS) panic("rt::Condition: more than 65535 threads waiting at once");
    m.unlock();
    for (;;) {
        detail::WaitStatus w = detail::futex_wait_until(epoch_, epoch, deadline, cancelable);
        epoch = epoch_.load(Order::Acquire);
        s = state_.load(Order::Relaxed);
        for (;;) {
            // Leave with a signal if there is one (acquire: pairs with the signaller's release);
            // without one only when timed out or canceled (signals <= waiters - 1 then holds).
            bool signaled = (s >> SIGNAL_SHIFT) != 0;
            if (!signaled && w == detail::WaitStatus::Woken) break; // not for us: sleep again
            if (!state_.compare_exchange_weak(s, s - ONE_WAITER - (signaled ? ONE_SIGNAL : 0), Order::Acquire, Order::Relaxed))
                continue;
            m.lock();
            if (w != detail::WaitStatus::Canceled) return signaled ? Outcome::Signaled : Outcome::TimedOut;
            // Canceled with a signal taken: pass it on, so that another waiter does not sleep
            // through it (a spurious wake-up at worst).
            if (signaled) signal();
            return Outcome::Canceled;
        }
    }
}

void Condition::wait(Mutex& m) { (void)wait_impl(m, Deadline::never(), false); }

Expected<void, WaitError> Condition::timed_wait(Mutex& m, Duration timeout) {
    return wait_until(m, deadline_after(timeout));
}

Expected<void, WaitError> Condition::wait_until(Mutex& m, Deadline deadline) {
    if (wait_impl(m, deadline, false) == Outcome::TimedOut) return unexpected(WaitError::TimedOut);
    return {};
}

Expected<void, Errno> Condition::wait_cancelable(Mutex& m) {
    if (wait_impl(m, Deadline::never(), true) == Outcome::Canceled) return unexpected(Errno::CANCELED);
    return {};
}

} // namespace rt
