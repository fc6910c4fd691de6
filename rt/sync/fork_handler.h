// What rt::fork does for the runtime's own state (docs/threads.md, "fork"). The child of a
// fork has one thread, a copy of the caller; every other thread's locks and caches are copied
// in whatever state they were. A part of the runtime with locks that its callers may need in
// the child registers a handler, once, before it first takes them:
//
//   detail::ForkHandler g_fork{.prepare = lock_all, .parent = unlock_all, .child = unlock_all};
//   detail::register_fork_handler(&g_fork);   // idempotent, lock-free
//
// rt::fork runs every prepare (newest registration first) before the clone, so that no lock
// is held by another thread at that moment, and then parent or child (oldest first) in the
// parent and in the child. A handler must not fork, and must not take a lock of a handler
// registered after it in a way that inverts their order.
#pragma once

#include "rt/core/atomic.h"
#include "rt/sync/mutex.h"

namespace rt::detail {

struct ForkHandler {
    void (*prepare)();
    void (*parent)();
    void (*child)();
    ForkHandler* next = nullptr;
    Atomic<int> registered{0};
};

void register_fork_handler(ForkHandler* h);

// Every live object of one kind whose own lock rt::fork must hold (executors, pools). T has
// `Mutex lock` and `T* fork_prev, *fork_next`; objects link themselves in and out, and the
// kind's handler takes the set's lock, then each object's (lock_all), and releases them after.
//
//   constinit ForkLockedSet<PoolState> g_pools;
//   ForkHandler h{.prepare = [] { g_pools.lock_all(); }, .parent = [] { g_pools.unlock_all(); }, ...};
template <class T> struct ForkLockedSet {
    Mutex lock;
    T* head = nullptr;

    void add(T* o) {
        LockGuard<Mutex> g(lock);
        o->fork_prev = nullptr;
        o->fork_next = head;
        if (head) head->fork_prev = o;
        head = o;
    }
    void remove(T* o) {
        LockGuard<Mutex> g(lock);
        if (o->fork_prev) o->fork_prev->fork_next = o->fork_next;
        else head = o->fork_next;
        if (o->fork_next) o->fork_next->fork_prev = o->fork_prev;
    }
    void lock_all() {
        lock.lock();
        for (T* o = head; o; o = o->fork_next) o->lock.lock();
    }
    void unlock_all() {
        for (T* o = head; o; o = o->fork_next) o->lock.unlock();
        lock.unlock();
    }
};

// rt::fork's steps: every prepare, returning the handlers it ran; then their parent or child.
ForkHandler* fork_prepare();
void fork_after(ForkHandler* handlers, bool child);

} // namespace rt::detail
