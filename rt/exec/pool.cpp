#include "rt/exec/pool.h"

#include "rt/core/checked.h"
#include "rt/core/panic.h"
#include "rt/sync/condition.h"
#include "rt/sync/mutex.h"
#include "rt/sync/fork_handler.h"
#include "rt/thread/this_thread.h"

namespace rt {

namespace detail {

struct PoolState {
    Mutex lock;
    Condition wake;
    PoolTask* head = nullptr;
    PoolTask* tail = nullptr;
    bool running = true;
    unsigned count = 0;  // workers started
    unsigned wanted = 0; // workers asked for
    Thread* threads = nullptr;
    uint32_t generation = 0; // g_fork_generation of the process whose workers these are
    size_t stack_size = 0;
    PoolState* fork_prev = nullptr; // every pool, for rt::fork
    PoolState* fork_next = nullptr;
};

namespace {

void worker(PoolState* s);

// rt::fork: every pool's lock is held across the clone (after the list's lock; before the
// allocator's, whose handler is registered first), so the child's copy of each queue is
// consistent. The child's pool is taken over lazily, at its first spawn or its destruction
// (adopt): a fork that is followed by exec never starts threads.
constinit ForkLockedSet<PoolState> g_pools;
constinit ForkHandler g_pool_fork{.prepare = [] { g_pools.lock_all(); },
                                  .parent = [] { g_pools.unlock_all(); },
                                  .child = [] { g_pools.unlock_all(); }};

void pool_list_add(PoolState* s) {
    alloc_register_fork_handler();
    register_fork_handler(&g_pool_fork);
    g_pools.add(s);
}

// Starts workers until `wanted` run (under s->lock: a new worker waits for it); false at the
// first spawn error, stored in *error when given.
bool start_workers(PoolState* s, SpawnError* error = nullptr) {
    while (s->count < s->wanted) {
        auto t = Thread::spawn(SpawnConfig{.stack_size = s->stack_size}, worker, s);
        if (!t) {
            if (error) *error = t.error();
            return false;
        }
        ::new (&s->threads[s->count], PlacementTag{}) Thread(rt::move(*t));
        ++s->count;
    }
    return true;
}

// In a child of rt::fork (under s->lock): the parent's workers do not run here — their blocks'
// copies go (detach), except the forking thread's if it is a worker. Tasks queued in the parent
// are not run here: they run there, and running them twice would do their work twice. With
// `restart`, new workers make the pool whole again.
void adopt(PoolState* s, bool restart) {
    if (s->generation == g_fork_generation.load(Order::Relaxed)) return;
    s->generation = g_fork_generation.load(Order::Relaxed);
    int me = current_thread_id();
    unsigned kept = 0;
    for (unsigned i = 0; i < s->count; ++i) {
        if (s->threads[i].handle() == me) {
            if (i != kept) {
                ::new (&s->threads[kept], PlacementTag{}) Thread(rt::move(s->threads[i]));
                s->threads[i].~Thread();
            }
            ++kept;
        } else {
            s->threads[i].detach();
            s->threads[i].~Thread();
        }
    }
    s->count = kept;
    s->head = s->tail = nullptr; // the nodes are the parent's: left to it
    if (restart) (void)start_workers(s);
}

} // namespace

void pool_push(PoolState* s, PoolTask* t) {
    t->next = nullptr;
    {
        LockGuard<Mutex> g(s->lock);
        adopt(s, true);
        if (s->count == 0) {
            // A fork child that could start no worker: the task runs here rather than never.
            s->lock.unlock();
            t->run(t);
            s->lock.lock();
            return;
        }
        if (s->tail) s->tail->next = t;
        else s->head = t;
        s->tail = t;
    }
    // One task, one worker: signal, not broadcast (no thundering herd).
    s->wake.signal();
}

namespace {

void worker(PoolState* s) {
    s->lock.lock();
    for (;;) {
        if (PoolTask* t = s->head) {
            s->head = t->next;
            if (!s->head) s->tail = nullptr;
            s->lock.unlock();
            t->run(t);
            s->lock.lock();
            continue;
        }
        if (!s->running) break;
        s->wake.wait(s->lock);
    }
    s->lock.unlock();
}

void shut_down(PoolState* s) {
    g_pools.remove(s);
    {
        LockGuard<Mutex> g(s->lock);
        adopt(s, false);
        s->running = false;
    }
    s->wake.broadcast();
    for (unsigned i = 0; i < s->count; ++i) {
        s->threads[i].join();
        s->threads[i].~Thread();
    }
    rt::free(s->threads);
    s->~PoolState();
    rt::free(s);
}

} // namespace
} // namespace detail

Expected<Pool, SpawnError> Pool::create(const Options& o) {
    unsigned n = o.workers ? o.workers : cpu_count();
    size_t bytes;
    if (!checked_mul(size_t{n}, sizeof(Thread), &bytes)) return unexpected(SpawnError(SpawnError::OutOfMemory, Errno::NOMEM));
    auto s = static_cast<detail::PoolState*>(rt::alloc(sizeof(detail::PoolState)));
    auto threads = static_cast<Thread*>(rt::alloc(bytes));
    if (!s || !threads) {
        rt::free(s);
        rt::free(threads);
        return unexpected(SpawnError(SpawnError::OutOfMemory, Errno::NOMEM));
    }
    ::new (s, detail::PlacementTag{}) detail::PoolState();
    s->threads = threads;
    s->wanted = n;
    s->stack_size = o.stack_size;
    s->generation = detail::g_fork_generation.load(Order::Relaxed);
    detail::pool_list_add(s);
    SpawnError error(SpawnError::OutOfMemory, Errno::NOMEM);
    s->lock.lock();
    bool started = detail::start_workers(s, &error);
    s->lock.unlock();
    if (!started) {
        detail::shut_down(s);
        return unexpected(error);
    }
    return Pool(s);
}

Pool::~Pool() {
    if (s_) detail::shut_down(s_);
}

unsigned Pool::workers() const { return s_ ? s_->count : 0; }

} // namespace rt
