#include "rt/exec/pool.h"

#include "rt/core/checked.h"
#include "rt/core/panic.h"
#include "rt/sync/condition.h"
#include "rt/sync/mutex.h"
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
    Thread* threads = nullptr;
};

void pool_push(PoolState* s, PoolTask* t) {
    t->next = nullptr;
    {
        LockGuard<Mutex> g(s->lock);
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
    {
        LockGuard<Mutex> g(s->lock);
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
    for (unsigned i = 0; i < n; ++i) {
        auto t = Thread::spawn(SpawnConfig{.stack_size = o.stack_size}, detail::worker, s);
        if (!t) {
            SpawnError e = t.error();
            detail::shut_down(s);
            return unexpected(e);
        }
        ::new (&threads[i], detail::PlacementTag{}) Thread(rt::move(*t));
        s->count = i + 1;
    }
    return Pool(s);
}

Pool::~Pool() {
    if (s_) detail::shut_down(s_);
}

unsigned Pool::workers() const { return s_ ? s_->count : 0; }

} // namespace rt
