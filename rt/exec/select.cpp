#include "rt/exec/select.h"

namespace rt::detail {

namespace {

// A select's event in a task's select word: registered by cmpxchg from 0; taken back the same
// way; SELECT_DONE means the task completed (and set the event, if one was registered).
void select_unregister(AsyncTaskBase* const* tasks, size_t n, ResetEvent* ev, size_t* first_done) {
    for (size_t i = 0; i < n; ++i) {
        uintptr_t mine = reinterpret_cast<uintptr_t>(ev);
        if (tasks[i]->select.compare_exchange(mine, 0, Order::AcqRel, Order::Acquire))
            continue;
        // Completed: it has set or will set ev; its done event is set after that, so once done
        // is set no reference to our (stack) event remains.
        tasks[i]->done.wait();
        if (first_done && *first_done == n) *first_done = i;
    }
}

} // namespace

Expected<size_t, Errno> select_tasks(AsyncTaskBase* const* tasks, size_t n) {
    // A future that holds its result already (ran inline) wins without waiting.
    for (size_t i = 0; i < n; ++i)
        if (!tasks[i]) return i;
    ResetEvent ev;
    for (size_t i = 0; i < n; ++i) {
        uintptr_t none = 0;
        if (tasks[i]->select.compare_exchange(none, reinterpret_cast<uintptr_t>(&ev), Order::AcqRel, Order::Acquire))
            continue;
        if (none != SELECT_DONE) panic("rt::select: a future is in two selects at once");
        select_unregister(tasks, i, &ev, nullptr);
        tasks[i]->done.wait();
        return i;
    }
    auto waited = ev.wait_cancelable();
    size_t first = n;
    select_unregister(tasks, n, &ev, &first);
    if (!waited) return unexpected(Errno::CANCELED);
    if (first == n) panic("rt::select: woken with no future done");
    return first;
}

} // namespace rt::detail
