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
// cancel signal's previous disposition. An Executor is an rt::Io (rt/exec/io.h): async,
// concurrent, the clock, sleep and the file and process calls are Io's.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "rt/core/bind.h"
#include "rt/core/expected.h"
#include "rt/exec/future.h"
#include "rt/exec/io.h"
#include "rt/exec/queue.h"
#include "rt/exec/select.h"

namespace rt {

class Group;

class Executor final : public Io {
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

    unsigned async_limit() const { return s_.async_limit; }
    unsigned concurrent_limit() const { return s_.concurrent_limit; }
    // Worker threads started so far.
    unsigned workers() const;

protected:
    bool saturated() override { return detail::exec_saturated(&s_); }
    bool submit(detail::ExecTask* t, detail::Submit how) override { return detail::exec_submit(&s_, t, how); }

private:
    detail::ExecState s_;
};

} // namespace rt
