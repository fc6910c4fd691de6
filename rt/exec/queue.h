// The task queue and worker threads of rt::Executor (rt::detail; not for direct use). One FIFO of tasks under `lock`; idle workers look for a task a while without the
// lock (more than one CPU, meson option exec_spin_ns), then sleep on `wake`; a worker is started
// when a task is queued while every worker has one, up to `concurrent_limit`. Destruction
// (exec_stop) runs what is queued and joins the workers. Across rt::fork the queue stays
// consistent: in the child the tasks of other threads are lost (queue.cpp).
//   busy:    tasks queued or running on a worker (Zig Io.Threaded's busy_count), under `lock`;
//            read without it as a hint by exec_saturated;
//   workers: threads started so far (ExecWorker list).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "rt/core/atomic.h"
#include "rt/mem/alloc.h"
#include "rt/sync/cancel.h"
#include "rt/sync/condition.h"
#include "rt/sync/mutex.h"
#include "rt/thread/thread.h"

namespace rt::detail {

// A task as the queue and the workers see it (Zig Io.Threaded's Closure).
struct ExecTask {
    ExecTask* next;
    void (*invoke)(ExecTask*);   // runs the callable (and destroys it)
    void (*complete)(ExecTask*); // tells the waiter (or frees the task); t may be gone after it
    CancelWord cancel;           // the cancel word (rt/sync/cancel.h)
    // Set only in the child of rt::fork, for a task queued or running on another thread when
    // the process forked: it never runs there; waiting for it panics.
    bool lost;
};
[[noreturn, gnu::cold]] void lost_task_panic(const char* msg);

// A task's fields before it is queued: not linked, not canceled, not lost.
inline void exec_task_init(ExecTask* t, void (*invoke)(ExecTask*), void (*complete)(ExecTask*)) {
    t->next = nullptr;
    t->invoke = invoke;
    t->complete = complete;
    t->cancel.store(CANCEL_NONE, Order::Relaxed); // published with the task (the queue's lock)
    t->lost = false;
}

struct ExecWorker;
struct ExecState {
    mutable Mutex lock;
    Condition wake;
    Atomic<ExecTask*> head;    // read without the lock by spinning workers
    ExecTask* tail = nullptr;
    Atomic<unsigned> busy;
    unsigned workers = 0;
    unsigned async_limit = 0;
    unsigned concurrent_limit = 0;
    size_t stack_size = 0;
    Atomic<bool> joining;
    bool spin = false;
    ExecWorker* list = nullptr;
    ExecState* fork_prev = nullptr; // every executor, for rt::fork (queue.cpp)
    ExecState* fork_next = nullptr;
};

// How a task is submitted:
//   Async:      only while busy < async_limit (else the caller runs it inline);
//   Concurrent: only while busy < concurrent_limit and a worker is free or can be started.
enum class Submit : uint8_t { Async, Concurrent };
bool exec_submit(ExecState* s, ExecTask* t, Submit how);

inline bool exec_saturated(const ExecState* s) {
    // A hint without the lock: a stale value only makes async run one task inline or go through
    // exec_submit, which decides under the lock.
    return s->busy.load(Order::Relaxed) >= s->async_limit;
}
inline void* exec_alloc(size_t size, size_t align) { return rt::alloc_aligned(size, align > 16 ? align : 16); }

// Sets up a queue (registers it for rt::fork); exec_stop runs what is queued, joins the
// workers and unregisters it.
void exec_init(ExecState* s, unsigned async_limit, unsigned concurrent_limit, size_t stack_size);
void exec_stop(ExecState* s);
unsigned exec_workers(const ExecState* s);

// Whether an await may spin before sleeping (more than one CPU, exec_spin_ns > 0), and for how
// long: set by exec_init.
bool exec_spinning();
Duration exec_spin();

} // namespace rt::detail
