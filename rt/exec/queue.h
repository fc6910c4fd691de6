// The task queue and worker threads under both rt::Executor and rt::Pool (rt::detail; not for
// direct use). One FIFO of 64-byte entries in a ring under `lock`: an entry is a small closure
// stored in place (a pool task whose callable is trivially copyable and fits), or a pointer to
// a task node (every executor task, and the other pool tasks). A worker copies the entry out
// under the lock and runs it without; idle workers look for an entry a while without the lock
// (when `spin`: more than one CPU, meson option exec_spin_ns), then sleep on `wake`.
// Workers start lazily: an executor's when a task is queued while every worker has one (up to
// its limits), a pool's `min_workers` at creation and again in a fork child at its first task.
// Destruction (exec_stop) runs what is queued and joins the workers. Across rt::fork the queue
// stays consistent: in the child the entries of other threads are lost (queue.cpp).
//   queued:  entries in the ring (read without the lock by spinning workers);
//   busy:    executor tasks queued or running on a worker (Zig Io.Threaded's busy_count),
//            under `lock`; read without it as a hint by exec_saturated (pools do not count);
//   workers: threads started so far (ExecWorker list).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "rt/core/atomic.h"
#include "rt/core/optional.h"
#include "rt/core/traits.h"
#include "rt/mem/alloc.h"
#include "rt/sync/cancel.h"
#include "rt/sync/condition.h"
#include "rt/sync/mutex.h"
#include "rt/thread/thread.h"

namespace rt::detail {

struct ExecState;
struct ExecWorker;

// A queue entry. `fn` runs it (Run: on worker `w`, or with w null on the thread that queued it,
// for a pool entry in a fork child without workers; `self` is a copy out of the ring), or drops
// it unrun in a fork child (Drop: it runs in the parent).
enum class EntryAction : uint8_t { Run, Drop };
struct alignas(64) QueueEntry {
    void (*fn)(QueueEntry* self, EntryAction a, ExecWorker* w);
    alignas(16) unsigned char data[48];
};
static_assert(sizeof(QueueEntry) == 64, "one cache line: the producer writing one entry and a worker reading the one before touch different lines");

// Whether a callable is stored in an entry itself (no allocation): it must move as bytes do.
template <class Body>
inline constexpr bool FITS_INLINE =
    __is_trivially_copyable(Body) && sizeof(Body) <= sizeof(QueueEntry::data) && alignof(Body) <= 16;

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
    t->cancel.store(CANCEL_NONE, Order::Relaxed); // published with the task (the queue's lock)
    t->lost = false;
}

struct ExecState {
    mutable Mutex lock;
    alignas(64) Condition wake;
    // The ring: `cap` entries (a power of two; 0 before the first), `queued` of them from `head`.
    QueueEntry* ring = nullptr;
    uint32_t cap = 0;
    uint32_t head = 0;
    Atomic<uint32_t> queued;
    Atomic<unsigned> busy;
    unsigned workers = 0;
    unsigned min_workers = 0; // a pool's fixed count (started at creation); 0 for an executor
    unsigned async_limit = 0;
    unsigned concurrent_limit = 0;
    Optional<size_t> stack_size{};
    Atomic<bool> joining;
    bool spin = false;
    ExecWorker* list = nullptr;
    ExecState* fork_prev = nullptr; // every queue, for rt::fork (queue.cpp)
    ExecState* fork_next = nullptr;
};

// How an executor task is submitted:
//   Async:      only while busy < async_limit (else the caller runs it inline);
//   Concurrent: only while busy < concurrent_limit and a worker is free or can be started.
enum class Submit : uint8_t { Async, Concurrent };
bool exec_submit(ExecState* s, ExecTask* t, Submit how);

// Queues a pool entry (no limits; the workers are the pool's). False when the ring cannot grow
// (out of memory): nothing was queued. In a fork child that can start no worker it runs the
// entry here, rather than never.
bool exec_push(ExecState* s, const QueueEntry& e);

inline bool exec_saturated(const ExecState* s) {
    // A hint without the lock: a stale value only makes async run one task inline or go through
    // exec_submit, which decides under the lock.
    return s->busy.load(Order::Relaxed) >= s->async_limit;
}
inline void* exec_alloc(size_t size, size_t align) { return rt::alloc_aligned(size, align > 16 ? align : 16); }

// Sets up a queue (registers it for rt::fork); exec_stop runs what is queued, joins the
// workers, unregisters it and frees the ring. `spin`: idle workers look for work a while before
// sleeping (only with more than one CPU).
void exec_init(ExecState* s, unsigned async_limit, unsigned concurrent_limit, Optional<size_t> stack_size, bool spin);
// Starts workers until `min_workers` run; false (and *error) at the first spawn error.
bool exec_start_workers(ExecState* s, SpawnError* error);
void exec_stop(ExecState* s);
unsigned exec_workers(const ExecState* s);

// Whether an await may spin before sleeping (more than one CPU, exec_spin_ns > 0), and for how
// long: set by exec_init.
bool exec_spinning();
Duration exec_spin();

} // namespace rt::detail
