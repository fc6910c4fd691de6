// rt::Pool: a fixed set of worker threads running fire-and-forget tasks from one queue (the
// shape of Zig 0.11's std.Thread.Pool). Tasks are closures allocated from rt::alloc;
// workers sleep on a Condition while the queue is empty. Destroying the pool runs every task
// already queued, then joins the workers.
//   queue:   a singly linked FIFO of Task nodes under `lock`;
//   running: true until destruction begins; workers exit once it is false and the queue empty.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "rt/core/bind.h"
#include "rt/core/expected.h"
#include "rt/core/traits.h"
#include "rt/mem/alloc.h"
#include "rt/sync/wait_group.h"
#include "rt/thread/thread.h"

namespace rt {

enum class PoolError {
    OutOfMemory, // the pool's state, or a worker thread, could not be had (mmap or clone failed)
};
constexpr const char* error_name(PoolError e) { return e == PoolError::OutOfMemory ? "OutOfMemory" : nullptr; }

namespace detail {
struct PoolTask {
    PoolTask* next;
    void (*run)(PoolTask*); // runs the closure that follows the node, destroys it, frees the node
};
struct PoolState;
void pool_push(PoolState* s, PoolTask* t);
} // namespace detail

class Pool {
public:
    struct Options {
        unsigned workers = 0;  // 0: rt::cpu_count()
        size_t stack_size = 0; // 0: SpawnConfig's default
    };

    // Starts the workers; fails with the first worker's spawn error (none is left running).
    static Expected<Pool, SpawnError> create(const Options& o);
    static Expected<Pool, SpawnError> create() { return create(Options{}); }

    Pool(Pool&& o) : s_(o.s_) { o.s_ = nullptr; }
    Pool& operator=(Pool&&) = delete;
    Pool(const Pool&) = delete;
    ~Pool();

    // Queues f(args...) (moved into the task). OutOfMemory when the task cannot be allocated.
    template <class F, class... A> Expected<void, PoolError> spawn(F&& f, A&&... args) {
        auto t = make_task(rt::bind(rt::forward<F>(f), rt::forward<A>(args)...));
        if (!t) return unexpected(PoolError::OutOfMemory);
        detail::pool_push(s_, t);
        return {};
    }

    // Queues f(args...) counted in wg (start now, finish when it has run). If the task cannot
    // be allocated it runs here, on the caller's thread: either way wg sees it finish.
    template <class F, class... A> void spawn_wg(WaitGroup& wg, F&& f, A&&... args) {
        wg.start();
        auto body = [&wg, call = rt::bind(rt::forward<F>(f), rt::forward<A>(args)...)]() mutable {
            (void)call();
            wg.finish();
        };
        auto t = make_task(rt::move(body));
        if (!t) {
            body();
            return;
        }
        detail::pool_push(s_, t);
    }

    unsigned workers() const;

private:
    explicit Pool(detail::PoolState* s) : s_(s) {}

    template <class B> static detail::PoolTask* make_task(B&& body) {
        using Body = remove_cvref_t<B>;
        struct Node {
            detail::PoolTask task;
            Body body;
        };
        void* mem = rt::alloc_aligned(sizeof(Node), alignof(Node) > 16 ? alignof(Node) : 16);
        if (!mem) return nullptr;
        auto n = ::new (mem, detail::PlacementTag{}) Node{{nullptr, [](detail::PoolTask* t) {
                                                              auto node = reinterpret_cast<Node*>(t);
                                                              (void)node->body();
                                                              node->~Node();
                                                              rt::free(node);
                                                          }},
                                                         rt::move(body)};
        return &n->task;
    }

    detail::PoolState* s_;
};

} // namespace rt
