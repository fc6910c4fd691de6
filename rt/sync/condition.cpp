#include "rt/sync/condition.h"

#include "rt/time/clock.h"

namespace rt {

void Condition::wait(Mutex& m) {
    __atomic_fetch_add(&waiters_, 1, __ATOMIC_SEQ_CST);
    uint32_t seq = __atomic_load_n(&seq_, __ATOMIC_SEQ_CST);
    m.unlock();
    Futex::wait(&seq_, seq);
    __atomic_fetch_sub(&waiters_, 1, __ATOMIC_RELAXED);
    m.lock();
}

Expected<void, CancelError> Condition::wait_cancelable(Mutex& m) {
    __atomic_fetch_add(&waiters_, 1, __ATOMIC_SEQ_CST);
    uint32_t seq = __atomic_load_n(&seq_, __ATOMIC_SEQ_CST);
    m.unlock();
    auto s = detail::futex_wait_cancelable(&seq_, seq);
    __atomic_fetch_sub(&waiters_, 1, __ATOMIC_RELAXED);
    m.lock();
    if (s != detail::WaitStatus::Canceled) return {};
    // A signal() may have woken us as its one sleeper just as we were canceled: pass it on, so
    // that another waiter does not sleep through it (a spurious wake-up at worst).
    if (__atomic_load_n(&seq_, __ATOMIC_RELAXED) != seq) signal();
    return unexpected(CancelError::Canceled);
}

Expected<void, WaitError> Condition::timed_wait(Mutex& m, int64_t ns) {
    __atomic_fetch_add(&waiters_, 1, __ATOMIC_SEQ_CST);
    uint32_t seq = __atomic_load_n(&seq_, __ATOMIC_SEQ_CST);
    m.unlock();
    auto r = Futex::wait_for(&seq_, seq, ns);
    __atomic_fetch_sub(&waiters_, 1, __ATOMIC_RELAXED);
    m.lock();
    return r;
}

} // namespace rt
