#include "rt/exec/queue.h"

#include "rt/core/checked.h"
#include "rt/sync/cancel.h"
#include "rt/sync/fork_handler.h"
#include "rt/sync/spin.h"
#include "rt/thread/this_thread.h"
#include "rt/time/clock.h"

namespace rt::detail {

struct ExecWorker {
    Thread thread;
    ExecWorker* next;
    ExecState* state;
    // The entry it runs (its own copy, on its stack), for rt::fork's child: set under the
    // queue's lock when taken, cleared (relaxed) before an executor task's completion is
    // published, whose RMW orders it first — a fork's copy that shows the completion shows the
    // clear.
    Atomic<QueueEntry*> current;
};

void lost_task_panic(const char* msg) { panic(msg); }

namespace {

// Whether spinning can pay: more than one CPU (set by exec_init).
Atomic<bool> g_spin;

// How long an idle worker looks for a new task, and an await for its result, before sleeping
// on the futex (only with more than one CPU; meson option exec_spin_ns). A task queued within
// that time costs no futex wake-up and no sleep on either side.
constexpr int64_t SPIN_NS = RT_OPT_EXEC_SPIN_NS;

// A task that never runs in this fork child: marked, completed (waiting for it panics).
void lose(ExecTask* t) {
    t->lost = true;
    t->complete(t);
}

// The entry of an executor task: the task's pointer.
void run_task(QueueEntry* e, EntryAction a, ExecWorker* w) {
    ExecTask* t;
    __builtin_memcpy(&t, e->data, sizeof t);
    if (a == EntryAction::Drop) return lose(t);
    int tid = current_thread_id();
    CancelWord* previous = cancel_begin(&t->cancel, tid);
    t->invoke(t);
    cancel_end(&t->cancel, previous, tid);
    w->current.store(nullptr, Order::Relaxed);
    // This worker is free again before the waiter hears of it: an async right after an await
    // finds room and queues rather than running inline. Relaxed: exec_submit's check is
    // under the lock, exec_saturated's a hint.
    w->state->busy.fetch_sub(1, Order::Relaxed);
    t->complete(t); // t may be gone after this
}

// Under s->lock: room for one more entry (the ring doubles when full); false if it cannot grow.
bool reserve(ExecState* s) {
    uint32_t queued = s->queued.load(Order::Relaxed);
    if (queued < s->cap) return true;
    uint32_t cap = s->cap ? s->cap * 2 : 64;
    size_t bytes;
    if (cap < s->cap || !checked_mul(size_t{cap}, sizeof(QueueEntry), &bytes)) return false;
    auto ring = static_cast<QueueEntry*>(rt::alloc_aligned(bytes, alignof(QueueEntry)));
    if (!ring) return false;
    // Entries hold trivially copyable closures or pointers: copying them moves them.
    for (uint32_t i = 0; i < queued; ++i) ring[i] = s->ring[(s->head + i) & (s->cap - 1)];
    rt::free(s->ring);
    s->ring = ring;
    s->cap = cap;
    s->head = 0;
    return true;
}

// Under s->lock, after reserve.
void enqueue(ExecState* s, const QueueEntry& e) {
    uint32_t queued = s->queued.load(Order::Relaxed);
    s->ring[(s->head + queued) & (s->cap - 1)] = e;
    // Relaxed (here and for the count's other accesses under the lock): the lock orders them;
    // only the spinning workers' reads go without it, and they take the lock before use.
    s->queued.store(queued + 1, Order::Relaxed);
}

void worker(ExecState* s, ExecWorker* w) {
    s->lock.lock();
    bool spun = false;
    for (;;) {
        if (uint32_t queued = s->queued.load(Order::Relaxed)) {
            QueueEntry e = s->ring[s->head];
            s->head = (s->head + 1) & (s->cap - 1);
            s->queued.store(queued - 1, Order::Relaxed);
            w->current.store(&e, Order::Relaxed);
            s->lock.unlock();
            e.fn(&e, EntryAction::Run, w);
            w->current.store(nullptr, Order::Relaxed);
            s->lock.lock();
            spun = false;
            continue;
        }
        if (s->joining.load(Order::Relaxed)) break;
        if (s->spin && !spun) {
            s->lock.unlock();
            // Without the lock: until an entry is queued (or the queue stops).
            (void)spin_until(
                [s] {
                    return s->queued.load(Order::Relaxed) != 0 || s->joining.load(Order::Relaxed);
                },
                Duration::nanoseconds(SPIN_NS));
            s->lock.lock();
            spun = true;
            continue;
        }
        s->wake.wait(s->lock);
    }
    s->lock.unlock();
}

// Under s->lock.
bool start_worker(ExecState* s, SpawnError* error = nullptr) {
    auto w = static_cast<ExecWorker*>(rt::alloc(sizeof(ExecWorker)));
    if (!w) {
        if (error) *error = SpawnError(SpawnError::OutOfMemory, Errno::NOMEM);
        return false;
    }
    // The worker reads *w only under the lock, which we hold until it is constructed.
    auto t = Thread::spawn(SpawnConfig{.stack_size = s->stack_size}, worker, s, w);
    if (!t) {
        if (error) *error = t.error();
        rt::free(w);
        return false;
    }
    ::new (w, PlacementTag{}) ExecWorker{rt::move(*t), s->list, s, {}};
    s->list = w;
    ++s->workers;
    return true;
}

// rt::fork: every queue's lock is held across the clone, so the child's copy of each queue
// and count is consistent. In the child only the forking thread exists: the other workers are
// dropped (their blocks' copies unmapped), and every entry queued or running on them is dropped
// — an executor task marked lost and completed, so that waiting for it panics instead of
// hanging, and never run (it goes on in the parent; running it here too would do its work
// twice). A worker that forked keeps its task and stays a worker; a pool starts its workers
// again at its next task. Lock order: the list's lock, then each queue's (taken alone
// elsewhere), before the allocator's (a worker allocates under its queue's lock): the
// allocator's handler is registered first, and prepare runs the newest first.
constinit ForkLockedSet<ExecState> g_queues;

void exec_fork_child() {
    int me = current_thread_id();
    for (ExecState* s = g_queues.head; s; s = s->fork_next) {
        unsigned kept = 0, running = 0;
        // Lost tasks complete before any block is unmapped: a select waiting for one may have
        // its event on a worker's stack.
        for (ExecWorker* w = s->list; w; w = w->next) {
            if (QueueEntry* e = w->current.load(Order::Relaxed)) {
                if (w->thread.handle() != me) e->fn(e, EntryAction::Drop, nullptr);
                else if (e->fn == run_task) ++running;
            }
        }
        for (uint32_t i = 0, n = s->queued.load(Order::Relaxed); i < n; ++i) {
            QueueEntry* e = &s->ring[(s->head + i) & (s->cap - 1)];
            e->fn(e, EntryAction::Drop, nullptr);
        }
        s->head = 0;
        s->queued.store(0, Order::Relaxed);
        for (ExecWorker** link = &s->list; ExecWorker* w = *link;) {
            if (w->thread.handle() == me) {
                ++kept;
                link = &w->next;
                continue;
            }
            *link = w->next;
            w->thread.detach(); // in a fork child: unmaps the copy of its block
            w->~ExecWorker();
            rt::free(w);
        }
        s->workers = kept;
        s->busy.store(running, Order::Relaxed);
    }
    g_queues.unlock_all();
}
constinit ForkHandler g_exec_fork{.prepare = [] { g_queues.lock_all(); },
                                  .parent = [] { g_queues.unlock_all(); },
                                  .child = exec_fork_child};

} // namespace

bool exec_submit(ExecState* s, ExecTask* t, Submit how) {
    s->lock.lock();
    unsigned busy = s->busy.load(Order::Relaxed);
    bool refused = s->joining.load(Order::Relaxed) || busy >= (how == Submit::Concurrent ? s->concurrent_limit : s->async_limit);
    // Every worker has a task: this one needs a new worker.
    if (!refused && s->workers <= busy) refused = !start_worker(s);
    if (refused || !reserve(s)) {
        s->lock.unlock();
        return false;
    }
    s->busy.fetch_add(1, Order::Relaxed);
    QueueEntry e;
    e.fn = run_task;
    __builtin_memcpy(e.data, &t, sizeof t);
    enqueue(s, e);
    s->lock.unlock();
    // One task, one worker: signal, not broadcast.
    s->wake.signal();
    return true;
}

bool exec_push(ExecState* s, const QueueEntry& e) {
    s->lock.lock();
    // A fork child's pool: its workers start again at its first task.
    while (s->workers < s->min_workers && start_worker(s)) {
    }
    if (s->workers == 0) {
        // A fork child that could start no worker: the entry runs here rather than never.
        s->lock.unlock();
        QueueEntry copy = e;
        copy.fn(&copy, EntryAction::Run, nullptr);
        return true;
    }
    if (!reserve(s)) {
        s->lock.unlock();
        return false;
    }
    enqueue(s, e);
    s->lock.unlock();
    s->wake.signal();
    return true;
}

void exec_init(ExecState* s, unsigned async_limit, unsigned concurrent_limit, Optional<size_t> stack_size, bool spin) {
    s->async_limit = async_limit;
    s->concurrent_limit = concurrent_limit;
    s->stack_size = stack_size;
    bool can_spin = cpu_count() > 1 && SPIN_NS > 0;
    s->spin = spin && can_spin;
    g_spin.store(can_spin, Order::Relaxed);
    alloc_register_fork_handler();
    register_fork_handler(&g_exec_fork);
    g_queues.add(s);
}

bool exec_start_workers(ExecState* s, SpawnError* error) {
    LockGuard<Mutex> g(s->lock);
    while (s->workers < s->min_workers)
        if (!start_worker(s, error)) return false;
    return true;
}

void exec_stop(ExecState* s) {
    g_queues.remove(s);
    {
        LockGuard<Mutex> g(s->lock);
        s->joining.store(true, Order::Relaxed); // read by spinning workers
    }
    s->wake.broadcast();
    // Workers drain the queue, then end; join waits until the kernel has let go of each.
    for (ExecWorker* w = s->list; w;) {
        ExecWorker* next = w->next;
        w->thread.join();
        w->~ExecWorker();
        rt::free(w);
        w = next;
    }
    s->list = nullptr;
    s->workers = 0;
    rt::free(s->ring);
    s->ring = nullptr;
    s->cap = 0;
}

unsigned exec_workers(const ExecState* s) {
    LockGuard<Mutex> g(s->lock);
    return s->workers;
}

bool exec_spinning() { return g_spin.load(Order::Relaxed); }
Duration exec_spin() { return Duration::nanoseconds(SPIN_NS); }

} // namespace rt::detail
