#include "rt/sync/wait_group.h"

namespace rt {

void WaitGroup::wait() {
    if (is_done()) return;
    waiters_.fetch_add(1, Order::SeqCst);
    for (uint32_t c; (c = count_.load(Order::SeqCst)) != 0;) Futex::wait(count_, c);
    waiters_.fetch_sub(1, Order::Relaxed);
    thread_fence(Order::Acquire);
}

} // namespace rt
