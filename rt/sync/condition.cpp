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
