#include "rt/exec/group.h"

#include "rt/sync/futex.h"

namespace rt {

namespace detail {

// A state word of a Group (group.h).
constexpr uint32_t GROUP_WAITING = 1, GROUP_LOST = 2, GROUP_ONE = 4;

void group_complete(ExecTask* task) {
    auto t = static_cast<GroupTask*>(task);
    uint32_t* state = t->state;
    if (t->lost) __atomic_fetch_or(state, GROUP_LOST, __ATOMIC_RELAXED); // a fork child's: no other thread
    // Release: the task's effects are visible to the waiter (it acquires the word).
    uint32_t before = __atomic_fetch_sub(state, GROUP_ONE, __ATOMIC_ACQ_REL);
    if ((before & ~GROUP_LOST) == (GROUP_ONE | GROUP_WAITING)) Futex::wake(state, WAKE_ALL);
}

} // namespace detail

using detail::GROUP_LOST;
using detail::GROUP_ONE;
using detail::GROUP_WAITING;

void Group::enlist(detail::GroupTask* t) {
    t->state = &state_;
    // Counted before it is queued: its completion cannot bring the count below zero.
    __atomic_fetch_add(&state_, GROUP_ONE, __ATOMIC_RELAXED);
    // Release: a canceler walking the list sees the task's fields.
    t->sibling = __atomic_load_n(&tasks_, __ATOMIC_RELAXED);
    while (!__atomic_compare_exchange_n(&tasks_, &t->sibling, t, true, __ATOMIC_RELEASE, __ATOMIC_RELAXED)) {
    }
}

void Group::release_tasks() {
    for (detail::GroupTask* t = __atomic_exchange_n(&tasks_, nullptr, __ATOMIC_ACQUIRE); t;) {
        detail::GroupTask* next = t->sibling;
        rt::free(t);
        t = next;
    }
    __atomic_store_n(&state_, 0, __ATOMIC_RELAXED);
}

namespace {
void group_request_cancel(detail::GroupTask* t) {
    for (; t; t = t->sibling) detail::request_cancel(&t->cancel);
}
} // namespace

void Group::wait() {
    // Acquire: what the tasks did is visible once their count reads zero.
    uint32_t v = __atomic_fetch_or(&state_, GROUP_WAITING, __ATOMIC_ACQUIRE) | GROUP_WAITING;
    bool canceled = false;
    while ((v & ~GROUP_LOST) != GROUP_WAITING) {
        if (!canceled && detail::futex_wait_cancelable(&state_, v) == detail::WaitStatus::Canceled) {
            canceled = true;
            group_request_cancel(__atomic_load_n(&tasks_, __ATOMIC_ACQUIRE));
        } else if (canceled) {
            Futex::wait(&state_, v);
        }
        v = __atomic_load_n(&state_, __ATOMIC_ACQUIRE);
    }
    if (v & GROUP_LOST) detail::lost_task_panic("rt::Group::wait: a task was queued or running on another thread when the process forked; it does not exist in this child (rt::fork)");
    release_tasks();
}

// Discards what it cannot wait for: a destroyed group in a fork child does not panic.
void Group::cancel() {
    group_request_cancel(__atomic_load_n(&tasks_, __ATOMIC_ACQUIRE));
    uint32_t v = __atomic_fetch_or(&state_, GROUP_WAITING, __ATOMIC_ACQUIRE) | GROUP_WAITING;
    while ((v & ~GROUP_LOST) != GROUP_WAITING) {
        Futex::wait(&state_, v);
        v = __atomic_load_n(&state_, __ATOMIC_ACQUIRE);
    }
    release_tasks();
}

} // namespace rt
