// rt::Executor: a thread-pool executor after Zig's Io.Threaded (docs/executor.md).
// Its queue and workers are rt/exec/queue.h's (shared with rt::Pool). Workers start lazily: a
// task queued while every worker has one starts another, up to the limit of the call
// (async_limit / concurrent_limit).
// async(f, args...) queues f unless `busy` has reached async_limit (default: CPUs - 1), the
// task cannot be allocated or a worker cannot be started: then f runs at once on the caller's
// thread. It never fails. concurrent(f, args...) must run f on another thread: it fails with
// ConcurrencyUnavailable instead of running inline. A Future<T> holds the result: await()
// waits for it, cancel() requests cancellation (rt/sync/cancel.h) and then waits.
// Destroying the executor runs the tasks still queued, joins every worker and restores the
// cancel signal's previous disposition.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "rt/core/bind.h"
#include "rt/core/expected.h"
#include "rt/exec/future.h"
#include "rt/exec/queue.h"
#include "rt/exec/select.h"

namespace rt {

enum class ConcurrentError : uint8_t {
    ConcurrencyUnavailable, // no worker may start: concurrent_limit reached, or a thread (or the
                            // task's memory) could not be had (clone: EAGAIN, ENOMEM)
};
constexpr const char* error_name(ConcurrentError e) {
    return e == ConcurrentError::ConcurrencyUnavailable ? "ConcurrencyUnavailable" : nullptr;
}

class Group;

class Executor {
public:
    // Unset fields take the default named at each (rt::Optional: docs/conventions.md).
    struct Options {
        Optional<unsigned> async_limit{};      // unset: rt::cpu_count() - 1; 0: every async inline
        Optional<unsigned> concurrent_limit{}; // unset: no limit; 0: concurrent never has a worker
        Optional<size_t> stack_size{};         // workers' stacks; unset: SpawnConfig's default
    };

    Executor() : Executor(Options{}) {}
    explicit Executor(const Options& o);
    ~Executor();
    Executor(const Executor&) = delete;
    Executor& operator=(const Executor&) = delete;

    // f(args...) on a worker, or right here when none can take it: never fails.
    template <class F, class... A> auto async(F&& f, A&&... args) {
        auto body = rt::bind(rt::forward<F>(f), rt::forward<A>(args)...);
        using R = decltype(body());
        if (!detail::exec_saturated(&s_)) {
            if (auto t = make_task(body)) {
                if (!detail::exec_submit(&s_, t, detail::Submit::Async)) {
                    // No room after all: run it here; the future finds it done.
                    t->run(t);
                    t->done.set();
                }
                return Future<R>(t);
            }
        }
        return Future<R>(detail::InlineTag{}, body);
    }

    // f(args...) on a worker, concurrently with the caller, or ConcurrencyUnavailable (the
    // concurrent_limit is reached, or no worker or task memory could be had).
    template <class F, class... A> auto concurrent(F&& f, A&&... args) {
        auto body = rt::bind(rt::forward<F>(f), rt::forward<A>(args)...);
        using Body = decltype(body);
        using R = decltype(body());
        using Result = Expected<Future<R>, ConcurrentError>;
        auto t = make_task(body);
        if (!t) return Result(unexpected(ConcurrentError::ConcurrencyUnavailable));
        if (!detail::exec_submit(&s_, t, detail::Submit::Concurrent)) {
            t->body.~Body();
            rt::free(t);
            return Result(unexpected(ConcurrentError::ConcurrencyUnavailable));
        }
        return Result(Future<R>(t));
    }

    unsigned async_limit() const { return s_.async_limit; }
    unsigned concurrent_limit() const { return s_.concurrent_limit; }
    // Worker threads started so far.
    unsigned workers() const;

private:
    friend class Group;
    // The task for `body` (moved into it), or nullptr when its memory cannot be had (body is
    // then untouched).
    template <class Body> static auto make_task(Body& body) {
        using Task = detail::AsyncTask<decltype(body()), Body>;
        void* mem = detail::exec_alloc(sizeof(Task), alignof(Task));
        return mem ? ::new (mem, detail::PlacementTag{}) Task(rt::move(body)) : static_cast<Task*>(nullptr);
    }
    detail::ExecState s_;
};

} // namespace rt
