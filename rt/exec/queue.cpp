#include "rt/exec/queue.h"

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

constexpr unsigned MAX_WORKERS = EntryQueue::MAX_IDLE;

void worker(ExecState* s, ExecWorker* w) {
    EntryQueue& q = s->queue;
    bool spun = false;
    for (;;) {
        QueueEntry e;
        bool got = q.pop(&e, &w->current);
        if (!got) {
            // Stopping: the queue is drained.
            if (s->joining.load(Order::Acquire)) break;
            if (!spun && exec_spinning()) {
                // Without a lock: until an entry may be queued (or the queue stops).
                (void)spin_until([&] { return q.maybe_queued() || s->joining.load(Order::Relaxed); },
                                 Duration::nanoseconds(SPIN_NS));
                spun = true;
                continue;
            }
            // Counted in before the last look; `joining` is seen by that protocol too
            // (exec_stop writes it, then wakes all).
            uint32_t epoch = q.idle_begin();
            got = q.pop(&e, &w->current);
            if (!got && !s->joining.load(Order::Relaxed)) q.idle_wait(epoch);
            q.idle_end();
        }
        spun = false;
        if (got) {
            e.fn(&e, EntryAction::Run, w);
            w->current.store(nullptr, Order::Relaxed);
        }
    }
}

// Under s->lock.
bool start_worker(ExecState* s, SpawnError* error = nullptr) {
    if (s->workers >= MAX_WORKERS) {
        if (error) *error = SpawnError(SpawnError::ThreadQuotaExceeded);
        return false;
    }
    auto w = static_cast<ExecWorker*>(rt::alloc(sizeof(ExecWorker)));
    if (!w) {
        if (error) *error = SpawnError(SpawnError::OutOfMemory, Errno::NOMEM);
        return false;
    }
    // Constructed before the thread starts: the worker writes w->current (under pop_lock).
    // The thread handle is written after, under `lock`, the only place it is read (fork).
    ::new (w, PlacementTag{}) ExecWorker{Thread(), s->list, s, {}};
    auto t = Thread::spawn(SpawnConfig{.stack_size = s->stack_size}, worker, s, w);
    if (!t) {
        if (error) *error = t.error();
        w->~ExecWorker();
        rt::free(w);
        return false;
    }
    w->thread = rt::move(*t);
    s->list = w;
    ++s->workers;
    return true;
}

// rt::fork: every queue's locks are held across the clone (`lock`, then the entry queue's:
// the order of exec_submit, which pushes under `lock`), so the child's copy of each queue and
// count is consistent. In the child only the forking thread exists: the other workers are
// dropped (their blocks' copies unmapped), and every entry queued or running on them is
// dropped — an executor task marked lost and completed, so that waiting for it panics instead
// of hanging, and never run (it goes on in the parent; running it here too would do its work
// twice). A worker that forked keeps its task and stays a worker; a pool starts its workers
// again at its next task. Lock order: the list's lock, then each queue's (taken alone
// elsewhere), before the allocator's (a producer allocates under the entry queue's push
// lock): the allocator's handler is registered first, and prepare runs the newest first.
constinit ForkLockedSet<ExecState> g_queues;

void exec_fork_prepare() {
    g_queues.lock_all();
    for (ExecState* s = g_queues.head; s; s = s->fork_next) s->queue.lock_for_fork();
}

void exec_fork_unlock() {
    for (ExecState* s = g_queues.head; s; s = s->fork_next) s->queue.unlock_for_fork();
    g_queues.unlock_all();
}

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
        // Every queued entry is complete (the queue's locks are held): drop them all.
        s->queue.drop_all([](QueueEntry* e) { e->fn(e, EntryAction::Drop, nullptr); });
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
        // The idle workers counted were other threads.
        s->queue.forget_idle();
        if (kept < s->min_workers) s->restart.store(true, Order::Relaxed);
    }
    exec_fork_unlock();
}
constinit ForkHandler g_exec_fork{.prepare = exec_fork_prepare, .parent = exec_fork_unlock, .child = exec_fork_child};

} // namespace

bool exec_submit(ExecState* s, ExecTask* t, Submit how) {
    s->lock.lock();
    unsigned busy = s->busy.load(Order::Relaxed);
    bool refused = s->joining.load(Order::Relaxed) || busy >= (how == Submit::Concurrent ? s->concurrent_limit : s->async_limit);
    // Every worker has a task: this one needs a new worker.
    if (!refused && s->workers <= busy) refused = !start_worker(s);
    if (refused) {
        s->lock.unlock();
        return false;
    }
    // Counted before it is queued: the worker's decrement (after running it) cannot come first.
    s->busy.fetch_add(1, Order::Relaxed);
    QueueEntry e;
    e.fn = run_task;
    __builtin_memcpy(e.data, &t, sizeof t);
    if (!s->queue.push(e)) {
        s->busy.fetch_sub(1, Order::Relaxed);
        s->lock.unlock();
        return false;
    }
    s->lock.unlock();
    // One task, one worker.
    s->queue.wake_one();
    return true;
}

// A pool without its workers — of zero workers, or in a fork child (its workers are the
// parent's): start them, or, if none runs, run the entry here rather than never.
[[gnu::cold]] static bool exec_push_restart(ExecState* s, const QueueEntry& e) {
    s->lock.lock();
    while (s->workers < s->min_workers && start_worker(s)) {
    }
    if (s->workers > 0 && s->workers == s->min_workers) s->restart.store(false, Order::Relaxed);
    if (s->workers == 0) {
        s->lock.unlock();
        QueueEntry copy = e;
        copy.fn(&copy, EntryAction::Run, nullptr);
        return true;
    }
    s->lock.unlock();
    if (!s->queue.push(e)) return false;
    s->queue.wake_one();
    return true;
}

bool exec_push(ExecState* s, const QueueEntry& e) {
    if (s->restart.load(Order::Relaxed)) [[unlikely]]
        return exec_push_restart(s, e);
    if (!s->queue.push(e)) return false;
    s->queue.wake_one();
    return true;
}

void exec_init(ExecState* s, unsigned async_limit, unsigned concurrent_limit, Optional<size_t> stack_size) {
    s->async_limit = async_limit;
    s->concurrent_limit = concurrent_limit;
    s->stack_size = stack_size;
    g_spin.store(cpu_count() > 1 && SPIN_NS > 0, Order::Relaxed);
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
        s->joining.store(true, Order::Release); // read by spinning and sleeping workers
    }
    // A worker whose epoch read shows the bump shows `joining` (the idle protocol).
    s->queue.wake_all();
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
    s->queue.destroy();
}

unsigned exec_workers(const ExecState* s) {
    LockGuard<Mutex> g(s->lock);
    return s->workers;
}

bool exec_spinning() { return g_spin.load(Order::Relaxed); }
Duration exec_spin() { return Duration::nanoseconds(SPIN_NS); }

} // namespace rt::detail
