// rt::Pool: a fixed set of worker threads running fire-and-forget tasks from one queue (the
// shape of Zig 0.11's std.Thread.Pool), on the queue and workers of rt::Executor
// (rt/exec/queue.h). A task whose callable is trivially copyable and at most 48 bytes (a
// function with a few pointers or numbers, a lambda capturing them) is stored in the queue
// itself: no allocation. Others are moved into a node from rt::alloc. Idle workers look for
// a task a while, then sleep (rt/exec/entry_queue.h). Destroying the pool runs every task
// already queued, then joins the workers.
//
//   auto pool = rt::Pool::create();            // one worker per CPU
//   rt::WaitGroup wg;
//   for (auto& item : items) pool->spawn_wg(wg, process, &item);
//   wg.wait();
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "rt/core/bind.h"
#include "rt/core/expected.h"
#include "rt/core/traits.h"
#include "rt/exec/queue.h"
#include "rt/mem/alloc.h"
#include "rt/sync/wait_group.h"
#include "rt/thread/thread.h"

namespace rt {

enum class PoolError {
    OutOfMemory, // the task's node or the queue's growth could not be had (rt::alloc: mmap ENOMEM)
};
constexpr const char* error_name(PoolError e) { return e == PoolError::OutOfMemory ? "OutOfMemory" : nullptr; }

namespace detail {
// A task that does not fit a queue entry: the node's closure follows it.
struct PoolTask {
    void (*run)(PoolTask*);  // runs the closure, destroys it, frees the node
    void (*drop)(PoolTask*); // destroys and frees it without running it
};
template <class Body> struct PoolNode {
    PoolTask task{[](PoolTask* t) {
                      auto n = reinterpret_cast<PoolNode*>(t);
                      (void)n->body();
                      n->~PoolNode();
                      rt::free(n);
                  },
                  [](PoolTask* t) {
                      auto n = reinterpret_cast<PoolNode*>(t);
                      n->~PoolNode();
                      rt::free(n);
                  }};
    Body body;
    explicit PoolNode(Body&& b) : body(rt::move(b)) {}
};
// Queues a node (false: the queue cannot grow; nothing was queued).
bool pool_push_node(ExecState* s, PoolTask* t);
} // namespace detail

class Pool {
public:
    struct Options {
        // Unset: rt::cpu_count(). 0: no worker — every task runs on the thread that spawns it.
        // At most MAX_WORKERS.
        Optional<unsigned> workers{};
        Optional<size_t> stack_size{}; // unset: SpawnConfig's default
    };

    static constexpr unsigned MAX_WORKERS = detail::EntryQueue::MAX_IDLE;

    // Starts the workers; fails with the first worker's spawn error (none is left running),
    // ThreadQuotaExceeded for more than MAX_WORKERS (none started).
    static Expected<Pool, SpawnError> create(const Options& o);
    static Expected<Pool, SpawnError> create() { return create(Options{}); }

    Pool(Pool&& o) : s_(o.s_) { o.s_ = nullptr; }
    Pool& operator=(Pool&&) = delete;
    Pool(const Pool&) = delete;
    ~Pool();

    // Queues f(args...) (moved into the task). OutOfMemory when the task cannot be allocated
    // (or the queue cannot grow).
    template <class F, class... A> Expected<void, PoolError> spawn(F&& f, A&&... args) {
        auto body = rt::bind(rt::forward<F>(f), rt::forward<A>(args)...);
        if (!submit(body, false)) return unexpected(PoolError::OutOfMemory);
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
        (void)submit(body, true);
    }

    unsigned workers() const;

private:
    explicit Pool(detail::ExecState* s) : s_(s) {}

    // Queues body (a copy stored in the entry, or moved into a node). Without memory for it:
    // runs it here when `or_run_here` (true), else leaves it untouched (false).
    template <class B> bool submit(B& body, bool or_run_here) {
        using Body = remove_cvref_t<B>;
        if constexpr (detail::FITS_INLINE<Body>) {
            detail::QueueEntry e;
            e.fn = [](detail::QueueEntry* self, detail::EntryAction a, detail::ExecWorker*) {
                // Trivially copyable: nothing to destroy, whether it runs or is dropped.
                if (a == detail::EntryAction::Run) (void)(*__builtin_launder(reinterpret_cast<Body*>(self->data)))();
            };
            ::new (e.data, detail::PlacementTag{}) Body(body);
            if (detail::exec_push(s_, e)) return true;
        } else {
            using Node = detail::PoolNode<Body>;
            if (void* mem = rt::alloc_aligned(sizeof(Node), alignof(Node) > 16 ? alignof(Node) : 16)) {
                auto n = ::new (mem, detail::PlacementTag{}) Node(rt::move(body));
                if (detail::pool_push_node(s_, &n->task)) return true;
                // The queue cannot grow: the moved body is the node's now.
                if (or_run_here) n->task.run(&n->task);
                else n->task.drop(&n->task);
                return or_run_here;
            }
        }
        if (or_run_here) (void)body();
        return or_run_here;
    }

    detail::ExecState* s_;
};

} // namespace rt
