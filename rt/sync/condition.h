// rt::Condition: a condition variable on a futex sequence word.
//   seq_:     incremented by every signal/broadcast; a waiter sleeps while it is unchanged
//             since before it released the mutex, so a signal between the release and the
//             sleep is never lost (the futex wait sees a different value and returns).
//   waiters_: threads inside wait(); signal/broadcast skip the syscall when it is 0.
// signal wakes one sleeper (no thundering herd); broadcast wakes all. Waits may return
// spuriously, as with every condition variable: callers wait in a predicate loop.
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
    // TimedOut after `ns` nanoseconds; the mutex is held again on return either way.
    Expected<void, WaitError> timed_wait(Mutex& m, int64_t ns);
    // wait as a cancel point of an executor task: Canceled when the task is canceled while it
    // waits. The mutex is held again on return either way (taken uncancelably).
    Expected<void, CancelError> wait_cancelable(Mutex& m);
    void signal() { notify(1); }
    void broadcast() { notify(WAKE_ALL); }

private:
    void notify(int n) {
        // Seq_cst pairs with the waiter's seq_cst increment of waiters_ before it reads seq_:
        // either the waiter sees our new seq_, or we see its waiters_ count (no lost wake-up).
        __atomic_fetch_add(&seq_, 1, __ATOMIC_SEQ_CST);
        if (__atomic_load_n(&waiters_, __ATOMIC_SEQ_CST) != 0) Futex::wake(&seq_, n);
    }
    uint32_t seq_ = 0;
    uint32_t waiters_ = 0;
};
static_assert(sizeof(Condition) == 8, "two futex words");

} // namespace rt
