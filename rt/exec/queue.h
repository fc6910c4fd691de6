// The task queue and worker threads under both rt::Executor and rt::Pool (rt::detail; not for
// direct use). The queue is rt/exec/entry_queue.h's: 64-byte entries, each a small closure
// stored in place (a pool task whose callable is trivially copyable and fits) or a pointer to
// a task node (every executor task, and the other pool tasks). A worker copies an entry out
// and runs it without a lock; idle workers look for an entry a while without a lock (with
// more than one CPU, meson option exec_spin_ns), then sleep by the queue's idle protocol.
// Workers start lazily: an executor's when a task is queued while every worker has one (up to
// its limits), a pool's `min_workers` at creation and again in a fork child at its first task.
// Destruction (exec_stop) runs what is queued and joins the workers. Across rt::fork the queue
// stays consistent: in the child the entries of other threads are lost (queue.cpp).
//   busy:    executor tasks queued or running on a worker (Zig Io.Threaded's busy_count),
//            under `lock`; read without it as a hint by exec_saturated (pools do not count);
//   workers: threads started so far (ExecWorker list), under `lock`; at most
//            EntryQueue::MAX_IDLE (65535) a queue.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "rt/core/atomic.h"
#include "rt/core/optional.h"
#include "rt/core/traits.h"
#include "rt/exec/entry_queue.h"
#include "rt/mem/alloc.h"
#include "rt/sync/cancel.h"
#include "rt/sync/mutex.h"
#include "rt/thread/thread.h"

namespace rt::detail {

struct ExecState;
struct ExecWorker;

// An executor task as the queue and the workers see it (Zig Io.Threaded's Closure).
struct ExecTask {
    void (*invoke)(ExecTask*);   // runs the callable (and destroys it)
    void (*complete)(ExecTask*); // tells the waiter (or frees the task); t may be gone after it
    CancelWord cancel;           // the cancel word (rt/sync/cancel.h)
    // Set only in the child of rt::fork, for a task queued or running on another thread when
    // the process forked: it never runs there; waiting for it panics.
    bool lost;
};
[[noreturn, gnu::cold]] void lost_task_panic(const char* msg);

// A task's fields before it is queued: not canceled, not lost.
inline void exec_task_init(ExecTask* t, void (*invoke)(ExecTask*), void (*complete)(ExecTask*)) {
    t->invoke = invoke;
    t->complete = complete;
    t->cancel.store(CANCEL_NONE, Order::Relaxed); // published with the task (the entry's release)
    t->lost = false;
}

struct ExecState {
    EntryQueue queue;
    // The rest, under `lock`.
    mutable Mutex lock;
    Atomic<unsigned> busy;
    unsigned workers = 0;
    unsigned min_workers = 0; // a pool's fixed count (started at creation); 0 for an executor
    Atomic<bool> restart;     // a pool without its workers (zero, or a fork child's): see exec_push
    unsigned async_limit = 0;
    unsigned concurrent_limit = 0;
    Optional<size_t> stack_size{};
    Atomic<bool> joining;
    ExecWorker* list = nullptr;
    ExecState* fork_prev = nullptr; // every queue, for rt::fork (queue.cpp)
    ExecState* fork_next = nullptr;
};

// How an executor task is submitted:
//   Async:      only while busy < async_limit (else the caller runs it inline);
//   Concurrent: only while busy < concurrent_limit and a worker is free or can be started.
enum class Submit : uint8_t { Async, Concurrent };
bool exec_submit(ExecState* s, ExecTask* t, Submit how);

// Queues a pool entry (no limits; the workers are the pool's). False when the queue cannot
// grow (no memory for a block): nothing was queued. In a fork child that can start no worker it runs the
// entry here, rather than never.
bool exec_push(ExecState* s, const QueueEntry& e);

inline bool exec_saturated(const ExecState* s) {
    // A hint without the lock: a stale value only makes async run one task inline or go through
    // exec_submit, which decides under the lock.
    return s->busy.load(Order::Relaxed) >= s->async_limit;
}
inline void* exec_alloc(size_t size, size_t align) { return rt::alloc_aligned(size, align > 16 ? align : 16); }

// Sets up a queue (registers it for rt::fork); exec_stop runs what is queued, joins the
// workers, unregisters it and frees the blocks. Idle workers look for work a while before
// sleeping, with more than one CPU (exec_spinning).
void exec_init(ExecState* s, unsigned async_limit, unsigned concurrent_limit, Optional<size_t> stack_size);
// Starts workers until `min_workers` run; false (and *error) at the first spawn error.
bool exec_start_workers(ExecState* s, SpawnError* error);
void exec_stop(ExecState* s);
unsigned exec_workers(const ExecState* s);

// Whether idle workers and awaits spin before sleeping (more than one CPU, exec_spin_ns > 0),
// and for how long: set by exec_init.
bool exec_spinning();
Duration exec_spin();

} // namespace rt::detail
