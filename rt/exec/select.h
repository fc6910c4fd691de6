// rt::select(futures...): waits until the first of several futures has its result and returns
// its index, leaving every future with its result (await each afterwards, or drop it: dropping
// cancels). A cancel point: Errno::CANCELED when the calling task is canceled while it waits.
//
//   auto first = rt::select(search, timeout); // Expected<size_t, Errno>
//   if (first && *first == 1) search.request_cancel();
#pragma once

#include "rt/exec/future.h"

namespace rt {

namespace detail {
Expected<size_t, Errno> select_tasks(AsyncTaskBase* const* tasks, size_t n);
} // namespace detail

// The index of the first of the futures to finish (the lowest index when several have);
// Canceled when the calling task is canceled while it waits. The futures keep their results.
template <class... T> Expected<size_t, Errno> select(Future<T>&... f) {
    static_assert(sizeof...(T) > 0, "select of no futures");
    detail::AsyncTaskBase* tasks[] = {f.select_task()...};
    return detail::select_tasks(tasks, sizeof...(T));
}
template <class T> Expected<size_t, Errno> select(Future<T>* f, size_t n) {
    if (n == 0) panic("rt::select of no futures");
    constexpr size_t CHUNK = 64;
    if (n > CHUNK) panic("rt::select of more than 64 futures");
    detail::AsyncTaskBase* tasks[CHUNK];
    for (size_t i = 0; i < n; ++i) tasks[i] = f[i].select_task();
    return detail::select_tasks(tasks, n);
}

} // namespace rt
