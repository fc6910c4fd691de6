#include "rt/sync/semaphore.h"

#include "rt/core/panic.h"
#include "rt/time/clock.h"

namespace rt {

void Semaphore::overflow() { panic("rt::Semaphore::post beyond the maximum count of permits"); }

void Semaphore::wait_slow() {
    __atomic_fetch_add(&waiters_, 1, __ATOMIC_SEQ_CST);
    while (!try_wait()) Futex::wait(&permits_, 0);
    __atomic_fetch_sub(&waiters_, 1, __ATOMIC_RELAXED);
}

Expected<void, Errno> Semaphore::wait_cancelable_slow() {
    __atomic_fetch_add(&waiters_, 1, __ATOMIC_SEQ_CST);
    Expected<void, Errno> r{};
    while (!try_wait()) {
        if (detail::futex_wait_cancelable(&permits_, 0) == detail::WaitStatus::Canceled) {
            r = unexpected(Errno::CANCELED);
            break;
        }
    }
    __atomic_fetch_sub(&waiters_, 1, __ATOMIC_RELAXED);
    // A post may have woken us for a permit we now leave: wake another waiter for it.
    if (!r && permits() != 0 && __atomic_load_n(&waiters_, __ATOMIC_SEQ_CST) != 0) Futex::wake(&permits_, 1);
    return r;
}

Expected<void, WaitError> Semaphore::timed_wait(int64_t ns) {
    if (try_wait()) return {};
    int64_t deadline = deadline_after(ns);
    __atomic_fetch_add(&waiters_, 1, __ATOMIC_SEQ_CST);
    Expected<void, WaitError> r{};
    while (!try_wait()) {
        r = Futex::wait_until(&permits_, 0, deadline);
        if (!r) {
            // A permit may have arrived with the timeout; take it rather than report failure.
            if (try_wait()) r = {};
            break;
        }
    }
    __atomic_fetch_sub(&waiters_, 1, __ATOMIC_RELAXED);
    return r;
}

} // namespace rt
