// rt::WaitGroup: waits for a number of tasks to finish (8 bytes, constexpr-constructible).
// start() before handing a task over, finish() when it is done (what the task did is visible
// after wait returns), wait() until every started task has finished. More than 2^32 - 1 tasks
// at once, or finishing more than were started, panics.
//
//   rt::WaitGroup wg;
//   for (auto& job : jobs) { wg.start(); pool.spawn([&] { run(job); wg.finish(); }); }
//   wg.wait();
//
// The words: count_, tasks started and not finished (waiters sleep on it while non-zero);
// waiters_, sleepers (the last finish() skips the wake syscall when there are none).
#pragma once

#include <stdint.h>

#include "rt/core/panic.h"
#include "rt/sync/futex.h"

namespace rt {

class WaitGroup {
public:
    constexpr WaitGroup() = default;
    WaitGroup(const WaitGroup&) = delete;
    WaitGroup& operator=(const WaitGroup&) = delete;

    // More than 2^32 - 1 tasks at once cannot be counted: a panic, not a wrapped count (which
    // would let wait() return before the tasks finished).
    void add(uint32_t n) {
        uint32_t before = count_.fetch_add(n, Order::Relaxed);
        if (before + n < before) panic("rt::WaitGroup::add: more than 4294967295 tasks");
    }
    void start() { add(1); }
    void finish() {
        // Release: the task's work happens-before the waiter's return (which acquires).
        uint32_t before = count_.fetch_sub(1, Order::SeqCst);
        if (before == 0) panic("rt::WaitGroup::finish called more often than start");
        if (before == 1 && waiters_.load(Order::SeqCst) != 0) Futex::wake(count_, WAKE_ALL);
    }
    bool is_done() const { return count_.load(Order::Acquire) == 0; }
    void wait();

private:
    FutexWord count_{0};
    FutexWord waiters_{0};
};
static_assert(sizeof(WaitGroup) == 8, "two futex words");

} // namespace rt
