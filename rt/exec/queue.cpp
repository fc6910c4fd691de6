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
    // The task it runs, for rt::fork's child: set under the executor's lock when taken from
    // the queue, cleared (relaxed) before the task's completion is published, whose RMW orders
    // it first — a fork's copy that shows the completion shows the clear.
    Atomic<ExecTask*> current;
};

void lost_task_panic(const char* msg) { panic(msg); }

namespace {

// Whether spinning can pay: set by the first executor (more than one CPU).
Atomic<bool> g_spin;

// How long an idle worker looks for a new task, and an await for its result, before sleeping
// on the futex (only with more than one CPU; meson option exec_spin_ns). A task queued within
// that time costs no futex wake-up and no sleep on either side.
constexpr int64_t SPIN_NS = RT_OPT_EXEC_SPIN_NS;

void execute(ExecState* s, ExecWorker* w, ExecTask* t) {
    int tid = current_thread_id();
    CancelWord* previous = cancel_begin(&t->cancel, tid);
    t->invoke(t);
    cancel_end(&t->cancel, previous, tid);
    w->current.store(nullptr, Order::Relaxed);
    // This worker is free again before the waiter hears of it: an async right after an await
    // finds room and queues rather than running inline. Relaxed: exec_submit's check is
    // under the lock, exec_saturated's a hint.
    s->busy.fetch_sub(1, Order::Relaxed);
    t->complete(t); // t may be gone after this
}

void worker(ExecState* s, ExecWorker* w) {
    s->lock.lock();
    bool spun = false;
    for (;;) {
        // Relaxed (here and for the head's other accesses under the lock): the lock orders them;
        // only the spinning workers' reads go without it, and they take the lock before use.
        if (ExecTask* t = s->head.load(Order::Relaxed)) {
            s->head.store(t->next, Order::Relaxed);
            if (!t->next) s->tail = nullptr;
            w->current.store(t, Order::Relaxed);
            s->lock.unlock();
            execute(s, w, t);
            s->lock.lock();
            spun = false;
            continue;
        }
        if (s->joining.load(Order::Relaxed)) break;
        if (s->spin && !spun) {
            s->lock.unlock();
            // Without the lock: until a task is queued (or the executor stops).
            (void)spin_until(
                [s] {
                    return s->head.load(Order::Relaxed) || s->joining.load(Order::Relaxed);
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
bool start_worker(ExecState* s) {
    auto w = static_cast<ExecWorker*>(rt::alloc(sizeof(ExecWorker)));
    if (!w) return false;
    // The worker reads *w only under the lock, which we hold until it is constructed.
    auto t = Thread::spawn(SpawnConfig{.stack_size = s->stack_size}, worker, s, w);
    if (!t) {
        rt::free(w);
        return false;
    }
    ::new (w, PlacementTag{}) ExecWorker{rt::move(*t), s->list, {}};
    s->list = w;
    ++s->workers;
    return true;
}

// rt::fork: every executor's lock is held across the clone, so the child's copy of each queue
// and count is consistent. In the child only the forking thread exists: the other workers are
// dropped (their blocks' copies unmapped), and every task queued or running on them is lost —
// marked, completed, so that waiting for it panics instead of hanging, and never run (it goes on
// in the parent; running it here too would do its work twice). A worker that forked keeps its
// task and stays a worker. Lock order: the list's lock, then each executor's (taken alone
// elsewhere), before the allocator's (a worker allocates under its executor's lock): the
// allocator's handler is registered first, and prepare runs the newest first.
constinit ForkLockedSet<ExecState> g_executors;

void lose(ExecTask* t) {
    t->lost = true;
    t->complete(t);
}

void exec_fork_child() {
    int me = current_thread_id();
    for (ExecState* s = g_executors.head; s; s = s->fork_next) {
        unsigned kept = 0, running = 0;
        // Lost tasks complete before any block is unmapped: a select waiting for one may have
        // its event on a worker's stack.
        for (ExecWorker* w = s->list; w; w = w->next) {
            bool mine = w->thread.handle() == me;
            if (ExecTask* t = w->current.load(Order::Relaxed)) {
                if (mine) ++running;
                else lose(t);
            }
        }
        for (ExecTask* t = s->head.load(Order::Relaxed); t;) {
            ExecTask* next = t->next;
            lose(t);
            t = next;
        }
        s->head.store(nullptr, Order::Relaxed);
        s->tail = nullptr;
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
    g_executors.unlock_all();
}
constinit ForkHandler g_exec_fork{.prepare = [] { g_executors.lock_all(); },
                                  .parent = [] { g_executors.unlock_all(); },
                                  .child = exec_fork_child};

void exec_list_add(ExecState* s) {
    alloc_register_fork_handler();
    register_fork_handler(&g_exec_fork);
    g_executors.add(s);
}

} // namespace

bool exec_submit(ExecState* s, ExecTask* t, Submit how) {
    t->next = nullptr;
    s->lock.lock();
    unsigned busy = s->busy.load(Order::Relaxed);
    bool refused = s->joining.load(Order::Relaxed) || busy >= (how == Submit::Concurrent ? s->concurrent_limit : s->async_limit);
    // Every worker has a task: this one needs a new worker.
    if (!refused && s->workers <= busy) refused = !start_worker(s);
    if (refused) {
        s->lock.unlock();
        return false;
    }
    s->busy.fetch_add(1, Order::Relaxed);
    if (s->tail) s->tail->next = t;
    else s->head.store(t, Order::Relaxed); // read without the lock by spinning workers
    s->tail = t;
    s->lock.unlock();
    // One task, one worker: signal, not broadcast.
    s->wake.signal();
    return true;
}

void exec_init(ExecState* s, unsigned async_limit, unsigned concurrent_limit, size_t stack_size) {
    s->async_limit = async_limit;
    s->concurrent_limit = concurrent_limit;
    s->stack_size = stack_size;
    s->spin = cpu_count() > 1 && SPIN_NS > 0;
    g_spin.store(s->spin, Order::Relaxed);
    exec_list_add(s);
}

void exec_stop(ExecState* s) {
    g_executors.remove(s);
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
}

unsigned exec_workers(const ExecState* s) {
    LockGuard<Mutex> g(s->lock);
    return s->workers;
}

bool exec_spinning() { return g_spin.load(Order::Relaxed); }
Duration exec_spin() { return Duration::nanoseconds(SPIN_NS); }

} // namespace rt::detail
