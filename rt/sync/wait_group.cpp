#include "rt/sync/wait_group.h"

namespace rt {

void WaitGroup::wait() {
    if (is_done()) return;
    __atomic_fetch_add(&waiters_, 1, __ATOMIC_SEQ_CST);
    for (uint32_t c; (c = __atomic_load_n(&count_, __ATOMIC_SEQ_CST)) != 0;) Futex::wait(&count_, c);
    __atomic_fetch_sub(&waiters_, 1, __ATOMIC_RELAXED);
    __atomic_thread_fence(__ATOMIC_ACQUIRE);
}

} // namespace rt
