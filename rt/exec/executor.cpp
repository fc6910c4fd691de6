#include "rt/exec/executor.h"

#include "rt/exec/group.h"
#include "rt/sync/futex.h"
#include "rt/sync/fork_handler.h"
#include "rt/sync/spin.h"
#include "rt/thread/this_thread.h"
#include "rt/thread/thread.h"
#include "rt/time/clock.h"

namespace rt {

namespace detail {

struct ExecWorker {
    Thread thread;
    ExecWorker* next;
    // The task it runs, for rt::fork's child: set under the executor's lock when taken from
    // the queue, cleared (relaxed) before the task's completion is published, whose RMW orders
    // it first — a fork's copy that shows the completion shows the clear.
    ExecTask* current;
};

// A state word of a Group (group.h).
constexpr uint32_t GROUP_WAITING = 1, GROUP_LOST = 2, GROUP_ONE = 4;

void lost_task_panic(const char* msg) { panic(msg); }

namespace {

// Whether spinning can pay: set by the first executor (more than one CPU).
bool g_spin;

// How long an idle worker looks for a new task, and an await for its result, before sleeping
// on the futex (only with more than one CPU; meson option exec_spin_ns). A task queued within
// that time costs no futex wake-up and no sleep on either side.
constexpr int64_t SPIN_NS = RT_OPT_EXEC_SPIN_NS;

void execute(ExecState* s, ExecWorker* w, ExecTask* t) {
    int tid = current_thread_id();
    uintptr_t* previous = cancel_begin(&t->cancel, tid);
    t->invoke(t);
    cancel_end(&t->cancel, previous, tid);
    __atomic_store_n(&w->current, nullptr, __ATOMIC_RELAXED);
    // This worker is free again before the waiter hears of it: an async right after an await
    // finds room and queues rather than running inline. Relaxed: exec_submit's check is
    // under the lock, exec_saturated's a hint.
    __atomic_fetch_sub(&s->busy, 1, __ATOMIC_RELAXED);
    t->complete(t); // t may be gone after this
}

void worker(ExecState* s, ExecWorker* w) {
    s->lock.lock();
    bool spun = false;
    for (;;) {
        if (ExecTask* t = s->head) {
            __atomic_store_n(&s->head, t->next, __ATOMIC_RELAXED);
            if (!t->next) s->tail = nullptr;
            w->current = t;
            s->lock.unlock();
            execute(s, w, t);
            s->lock.lock();
            spun = false;
            continue;
        }
        if (s->joining) break;
        if (s->spin && !spun) {
            s->lock.unlock();
            // Without the lock: until a task is queued (or the executor stops).
            (void)spin_until(
                [s] {
                    return __atomic_load_n(&s->head, __ATOMIC_RELAXED) || __atomic_load_n(&s->joining, __ATOMIC_RELAXED);
                },
                SPIN_NS);
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
    ::new (w, PlacementTag{}) ExecWorker{rt::move(*t), s->list, nullptr};
    s->list = w;
    ++s->workers;
    return true;
}

// A select's event in a task's select word: registered by cmpxchg from 0; taken back the same
// way; SELECT_DONE means the task completed (and set the event, if one was registered).
void select_unregister(AsyncTaskBase* const* tasks, size_t n, ResetEvent* ev, size_t* first_done) {
    for (size_t i = 0; i < n; ++i) {
        uintptr_t mine = reinterpret_cast<uintptr_t>(ev);
        if (__atomic_compare_exchange_n(&tasks[i]->select, &mine, 0, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
            continue;
        // Completed: it has set or will set ev; its done event is set after that, so once done
        // is set no reference to our (stack) event remains.
        tasks[i]->done.wait();
        if (first_done && *first_done == n) *first_done = i;
    }
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
            if (ExecTask* t = w->current) {
                if (mine) ++running;
                else lose(t);
            }
        }
        for (ExecTask* t = s->head; t;) {
            ExecTask* next = t->next;
            lose(t);
            t = next;
        }
        s->head = s->tail = nullptr;
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
        s->busy = running;
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

bool exec_submit(ExecState* s, ExecTask* t, bool concurrent) {
    unsigned limit = concurrent ? s->concurrent_limit : s->async_limit;
    t->next = nullptr;
    s->lock.lock();
    if (__atomic_load_n(&s->busy, __ATOMIC_RELAXED) >= limit || s->joining) {
        s->lock.unlock();
        return false;
    }
    // Every worker has a task: this one needs a new worker.
    if (s->workers <= __atomic_load_n(&s->busy, __ATOMIC_RELAXED) && !start_worker(s)) {
        s->lock.unlock();
        return false;
    }
    __atomic_fetch_add(&s->busy, 1, __ATOMIC_RELAXED);
    if (s->tail) s->tail->next = t;
    else __atomic_store_n(&s->head, t, __ATOMIC_RELAXED); // read without the lock by spinning workers
    s->tail = t;
    s->lock.unlock();
    // One task, one worker: signal, not broadcast.
    s->wake.signal();
    return true;
}

void async_complete(ExecTask* task) {
    auto t = static_cast<AsyncTaskBase*>(task);
    // Acq_rel: the result is published to a select that registered, and we see its event.
    uintptr_t ev = __atomic_exchange_n(&t->select, SELECT_DONE, __ATOMIC_ACQ_REL);
    if (ev != 0 && ev != SELECT_DONE) reinterpret_cast<ResetEvent*>(ev)->set();
    t->done.set(); // last touch: the future may free t at once
}

void async_wait(AsyncTaskBase* t) {
    if (t->done.is_set()) return;
    if (__atomic_load_n(&g_spin, __ATOMIC_RELAXED) && spin_until([t] { return t->done.is_set(); }, SPIN_NS)) return;
    if (t->done.wait_cancelable()) return;
    request_cancel(&t->cancel);
    t->done.wait();
}

Expected<size_t, Errno> select_tasks(AsyncTaskBase* const* tasks, size_t n) {
    // A future that holds its result already (ran inline) wins without waiting.
    for (size_t i = 0; i < n; ++i)
        if (!tasks[i]) return i;
    ResetEvent ev;
    for (size_t i = 0; i < n; ++i) {
        uintptr_t none = 0;
        if (__atomic_compare_exchange_n(&tasks[i]->select, &none, reinterpret_cast<uintptr_t>(&ev), false,
                                        __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
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

void group_complete(ExecTask* task) {
    auto t = static_cast<GroupTask*>(task);
    uint32_t* state = t->state;
    if (t->lost) __atomic_fetch_or(state, GROUP_LOST, __ATOMIC_RELAXED); // a fork child's: no other thread
    // Release: the task's effects are visible to the waiter (it acquires the word).
    uint32_t before = __atomic_fetch_sub(state, GROUP_ONE, __ATOMIC_ACQ_REL);
    if ((before & ~GROUP_LOST) == (GROUP_ONE | GROUP_WAITING)) Futex::wake(state, WAKE_ALL);
}

} // namespace detail

Executor::Executor(const Options& o) {
    unsigned cpus = cpu_count();
    s_.async_limit = o.async_limit == AUTO ? cpus - 1 : o.async_limit;
    s_.concurrent_limit = o.concurrent_limit;
    s_.stack_size = o.stack_size;
    s_.spin = cpus > 1 && detail::SPIN_NS > 0;
    __atomic_store_n(&detail::g_spin, s_.spin, __ATOMIC_RELAXED);
    detail::cancel_signal_acquire();
    detail::exec_list_add(&s_);
}

Executor::~Executor() {
    detail::g_executors.remove(&s_);
    {
        LockGuard<Mutex> g(s_.lock);
        __atomic_store_n(&s_.joining, true, __ATOMIC_RELAXED); // read by spinning workers
    }
    s_.wake.broadcast();
    // Workers drain the queue, then end; join waits until the kernel has let go of each.
    for (detail::ExecWorker* w = s_.list; w;) {
        detail::ExecWorker* next = w->next;
        w->thread.join();
        w->~ExecWorker();
        rt::free(w);
        w = next;
    }
    detail::cancel_signal_release();
}

unsigned Executor::workers() const {
    LockGuard<Mutex> g(const_cast<Mutex&>(s_.lock));
    return s_.workers;
}

// ---------------------------------------------------------------------------------- Group

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
