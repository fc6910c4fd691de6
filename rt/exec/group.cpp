#include "rt/exec/group.h"

#include "rt/sync/futex.h"

namespace rt {

namespace detail {

// A state word of a Group (group.h).
constexpr uint32_t GROUP_WAITING = 1, GROUP_LOST = 2, GROUP_ONE = 4;

void group_complete(ExecTask* task) {
    auto t = static_cast<GroupTask*>(task);
    FutexWord* state = t->state;
    if (t->lost) state->fetch_or(GROUP_LOST, Order::Relaxed); // a fork child's: no other thread
    // Release: the task's effects are visible to the waiter (it acquires the word).
    uint32_t before = state->fetch_sub(GROUP_ONE, Order::AcqRel);
    if ((before & ~GROUP_LOST) == (GROUP_ONE | GROUP_WAITING)) Futex::wake(*state, WAKE_ALL);
}

} // namespace detail

using detail::GROUP_LOST;
using detail::GROUP_ONE;
using detail::GROUP_WAITING;

void Group::enlist(detail::GroupTask* t) {
    t->state = &state_;
    // Counted before it is queued: its completion cannot bring the count below zero.
    state_.fetch_add(GROUP_ONE, Order::Relaxed);
    // Release: a canceler walking the list sees the task's fields.
    t->sibling = tasks_.load(Order::Relaxed);
    while (!tasks_.compare_exchange_weak(t->sibling, t, Order::Release, Order::Relaxed)) {
    }
}

void Group::release_tasks() {
    for (detail::GroupTask* t = tasks_.exchange(nullptr, Order::Acquire); t;) {
        detail::GroupTask* next = t->sibling;
        rt::free(t);
        t = next;
    }
    state_.store(0, Order::Relaxed);
}

namespace {
void group_request_cancel(detail::GroupTask* t) {
    for (; t; t = t->sibling) detail::request_cancel(&t->cancel);
}
} // namespace

// Waits until every task has completed; as a cancel point when `cancelable` (the first
// cancellation of the waiting task is passed on to the group's tasks, then the wait goes on
// uncancelably: the tasks must end before their group does). Returns the final state word.
uint32_t Group::wait_all(bool cancelable) {
    // Acquire: what the tasks did is visible once their count reads zero.
    uint32_t v = state_.fetch_or(GROUP_WAITING, Order::Acquire) | GROUP_WAITING;
    while ((v & ~GROUP_LOST) != GROUP_WAITING) {
        if (detail::futex_wait_until(state_, v, Deadline::never(), cancelable) == detail::WaitStatus::Canceled) {
            cancelable = false;
            group_request_cancel(tasks_.load(Order::Acquire));
        }
        v = state_.load(Order::Acquire);
    }
    return v;
}

void Group::wait() {
    if (wait_all(true) & GROUP_LOST) detail::lost_task_panic("rt::Group::wait: a task was queued or running on another thread when the process forked; it does not exist in this child (rt::fork)");
    release_tasks();
}

// Discards what it cannot wait for: a destroyed group in a fork child does not panic.
void Group::cancel() {
    group_request_cancel(tasks_.load(Order::Acquire));
    (void)wait_all(false);
    release_tasks();
}

} // namespace rt
