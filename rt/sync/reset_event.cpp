#include "rt/sync/reset_event.h"

#include "rt/time/clock.h"

namespace rt {

void ResetEvent::wait_slow() {
    for (;;) {
        uint32_t s = __atomic_load_n(&state_, __ATOMIC_ACQUIRE);
        if (s == SET) return;
        // Announce a sleeper so that set() wakes us; relaxed: the futex word carries the order.
        if (s == UNSET && !__atomic_compare_exchange_n(&state_, &s, WAITING, false, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
            continue;
        Futex::wait(&state_, WAITING);
    }
}

Expected<void, Errno> ResetEvent::wait_cancelable_slow() {
    for (;;) {
        uint32_t s = __atomic_load_n(&state_, __ATOMIC_ACQUIRE);
        if (s == SET) return {};
        if (s == UNSET && !__atomic_compare_exchange_n(&state_, &s, WAITING, false, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
            continue;
        // set() wakes every sleeper: a canceled waiter takes no wake-up from another.
        if (detail::futex_wait_cancelable(&state_, WAITING) == detail::WaitStatus::Canceled)
            return unexpected(Errno::CANCELED);
    }
}

Expected<void, WaitError> ResetEvent::timed_wait(int64_t ns) {
    if (is_set()) return {};
    int64_t deadline = deadline_after(ns);
    for (;;) {
        uint32_t s = __atomic_load_n(&state_, __ATOMIC_ACQUIRE);
        if (s == SET) return {};
        if (s == UNSET && !__atomic_compare_exchange_n(&state_, &s, WAITING, false, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
            continue;
        if (!Futex::wait_until(&state_, WAITING, deadline)) return is_set() ? Expected<void, WaitError>{} : unexpected(WaitError::TimedOut);
    }
}

} // namespace rt
