#include "rt/sync/mutex.h"

#include "rt/core/panic.h"
#include "rt/sync/futex.h"

namespace rt {

void Mutex::lock_slow() {
    // A short spin catches critical sections shorter than a futex round trip; the loads are
    // relaxed because the acquiring exchange below does the ordering.
    for (int i = 0; i < 100; ++i) {
        if (state_.load(Order::Relaxed) == 0) {
            uint32_t expected = 0;
            if (state_.compare_exchange(expected, 1, Order::Acquire, Order::Relaxed)) return;
        }
    }
    // From here on we count as a waiter: taking the lock with 2 (not 1) makes our own unlock
    // wake the next sleeper, which is what keeps wake-ups from being lost.
    while (state_.exchange(2, Order::Acquire) != 0) Futex::wait(state_, 2);
}

Expected<void, Errno> Mutex::lock_cancelable_slow() {
    // As lock_slow, without the spin: a task that may be canceled is about to sleep anyway.
    while (state_.exchange(2, Order::Acquire) != 0) {
        // Leaving with the state at 2 is harmless: the next unlock makes one futex wake.
        if (detail::futex_wait_cancelable(state_, 2) == detail::WaitStatus::Canceled)
            return unexpected(Errno::CANCELED);
    }
    return {};
}

void Mutex::unlock_slow(uint32_t before) {
    // unlock() took 1 from a state of 0: nobody held the mutex. A caller bug, reported rather
    // than left to corrupt the state (which would then read as "locked, with waiters").
    if (before == 0) {
        state_.store(0, Order::Relaxed);
        panic("rt::Mutex::unlock of a mutex that is not locked");
    }
    // Release: the store ends the critical section for whoever we wake (or who spins).
    state_.store(0, Order::Release);
    Futex::wake(state_, 1);
}

} // namespace rt
