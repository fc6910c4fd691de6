// rt::Executor: a thread-pool executor after the seed's Io.Threaded (docs/executor.md).
//   queue:   one FIFO of tasks under `lock`; idle workers sleep on `wake` (Condition);
//   busy:    tasks queued or running on a worker (the seed's busy_count), under `lock`;
//   workers: threads started so far. Workers start lazily: a task queued while every worker has
//            one starts another, up to the limit of the call (async_limit / concurrent_limit).
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

#include "rt/core/expected.h"
#include "rt/core/panic.h"
#include "rt/core/traits.h"
#include "rt/mem/alloc.h"
#include "rt/sync/condition.h"
#include "rt/sync/mutex.h"
#include "rt/sync/reset_event.h"
#include "rt/sync/cancel.h"

namespace rt {

enum class ConcurrentError : uint8_t {
    ConcurrencyUnavailable, // no worker may start: concurrent_limit reached, or a thread (or the
                            // task's memory) could not be had (clone: EAGAIN, ENOMEM)
};
constexpr const char* error_name(ConcurrentError e) {
    return e == ConcurrentError::ConcurrencyUnavailable ? "ConcurrencyUnavailable" : nullptr;
}

class Executor;
class Group;
template <class T> class Future;

namespace detail {

// A task as the queue and the workers see it (the seed's Closure).
struct ExecTask {
    ExecTask* next;
    void (*invoke)(ExecTask*);   // runs the callable (and destroys it)
    void (*complete)(ExecTask*); // tells the waiter; the task may be freed once it returns
    uintptr_t cancel;            // the cancel word (rt/sync/cancel.h)
    // Set only in the child of rt::fork, for a task queued or running on another thread when
    // the process forked: it never runs there; waiting for it panics.
    bool lost;
};
[[noreturn, gnu::cold]] void lost_task_panic(const char* msg);

struct ExecWorker;
struct ExecState {
    Mutex lock;
    Condition wake;
    ExecTask* head = nullptr;
    ExecTask* tail = nullptr;
    unsigned busy = 0;
    unsigned workers = 0;
    unsigned async_limit;
    unsigned concurrent_limit;
    size_t stack_size;
    bool joining = false;
    bool spin = false; // idle workers look for work a while before sleeping (more than one CPU)
    ExecWorker* list = nullptr;
    ExecState* fork_prev = nullptr; // every executor, for rt::fork (executor.cpp)
    ExecState* fork_next = nullptr;
};

// Queues t if the limit allows (starting a worker when none is free); false otherwise.
bool exec_submit(ExecState* s, ExecTask* t, bool concurrent);
inline bool exec_saturated(const ExecState* s) {
    // A hint without the lock: a stale value only makes async run one task inline or go through
    // exec_submit, which decides under the lock.
    return __atomic_load_n(&s->busy, __ATOMIC_RELAXED) >= s->async_limit;
}
inline void* exec_alloc(size_t size, size_t align) { return rt::alloc_aligned(size, align > 16 ? align : 16); }

// Storage for a result, constructed from a call.
template <class T> struct Slot {
    static_assert(!is_reference_v<T>, "a task's result is a value");
    alignas(T) unsigned char bytes[sizeof(T)];
    template <class F> void fill(F& f) { ::new (static_cast<void*>(bytes), PlacementTag{}) T(f()); }
    T& get() { return *__builtin_launder(reinterpret_cast<T*>(bytes)); }
    T take() {
        T v(rt::move(get()));
        get().~T();
        return v;
    }
    void destroy() { get().~T(); }
};
template <> struct Slot<void> {
    template <class F> void fill(F& f) { f(); }
    void take() {}
    void destroy() {}
};

// A task behind a Future.
//   select: 0, the event of a select() waiting on it, or SELECT_DONE once the task completed.
struct AsyncTaskBase : ExecTask {
    ResetEvent done;
    uintptr_t select;
};
inline constexpr uintptr_t SELECT_DONE = 1;
void async_complete(ExecTask* t);
// Waits for t; if the waiting task is itself canceled meanwhile, passes the cancellation on to
// t and waits for it to end (the result must exist before the future goes away).
void async_wait(AsyncTaskBase* t);
Expected<size_t, Errno> select_tasks(AsyncTaskBase* const* tasks, size_t n);

template <class T> struct AsyncResult : AsyncTaskBase {
    Slot<T> result;
};

template <class T, class Body> struct AsyncTask : AsyncResult<T> {
    Body body;
    explicit AsyncTask(Body&& b) : body(rt::move(b)) {
        this->next = nullptr;
        this->invoke = &run;
        this->complete = &async_complete;
        this->cancel = CANCEL_NONE;
        this->lost = false;
        this->select = 0;
    }
    // Never destroyed as a whole: run destroys the body, the Future the result.
    ~AsyncTask() = delete;
    static void run(ExecTask* t) {
        auto self = static_cast<AsyncTask*>(t);
        self->result.fill(self->body);
        self->body.~Body();
    }
};

// f and its arguments, moved into one callable.
template <class F, class... A> auto bind_task(F&& f, A&&... args) {
    return [f = static_cast<decay_t<F>>(rt::forward<F>(f)),
            ... args = static_cast<decay_t<A>>(rt::forward<A>(args))]() mutable { return f(rt::move(args)...); };
}

struct InlineTag {};

} // namespace detail

// The result of a task started by Executor::async / concurrent. Await it (or cancel it) once;
// destroying a future that still has a task cancels the task and waits for it.
template <class T> class [[nodiscard]] Future {
public:
    Future(Future&& o) : task_(o.task_), has_value_(o.has_value_) {
        if constexpr (!is_void_v<T>)
            if (has_value_) ::new (static_cast<void*>(value_.bytes), detail::PlacementTag{}) T(o.value_.take());
        o.task_ = nullptr;
        o.has_value_ = false;
    }
    // An empty future (no task, no result), to be assigned one.
    Future() : task_(nullptr), has_value_(false) {}
    // Takes o's task or result; a task this future still had is canceled first.
    Future& operator=(Future&& o) {
        if (this != &o) {
            this->~Future();
            ::new (static_cast<void*>(this), detail::PlacementTag{}) Future(rt::move(o));
        }
        return *this;
    }
    Future& operator=(const Future&) = delete;
    Future(const Future&) = delete;
    ~Future() {
        if (task_ && task_->lost) rt::free(task_); // a fork child's copy: nothing to wait for
        else if (task_) (void)cancel();
        else if (has_value_) value_.destroy();
    }

    // The task's result, once it has finished.
    T await() {
        if (task_) {
            detail::async_wait(task_);
            if (task_->lost) detail::lost_task_panic("rt::Future::await: the task was queued or running on another thread when the process forked; it does not exist in this child (rt::fork)");
            auto t = task_;
            task_ = nullptr;
            if constexpr (is_void_v<T>) {
                rt::free(t);
            } else {
                T v(t->result.take());
                rt::free(t);
                return v;
            }
        } else {
            if (!has_value_) panic("rt::Future: await or cancel of a future without a result (already taken)");
            has_value_ = false;
            return value_.take();
        }
    }
    // Requests cancellation (a no-op if the task has finished), then awaits the result.
    T cancel() {
        if (task_) detail::request_cancel(&task_->cancel);
        return await();
    }
    // Requests cancellation without waiting (cancel() = this, then await()).
    void request_cancel() {
        if (task_) detail::request_cancel(&task_->cancel);
    }
    // Whether await() would return without waiting.
    bool done() const { return task_ ? task_->done.is_set() : has_value_; }

private:
    friend class Executor;
    template <class... U> friend Expected<size_t, Errno> select(Future<U>&... f);
    template <class U> friend Expected<size_t, Errno> select(Future<U>* f, size_t n);

    explicit Future(detail::AsyncResult<T>* t) : task_(t), has_value_(false) {}
    template <class Body> Future(detail::InlineTag, Body& body) : task_(nullptr), has_value_(true) { value_.fill(body); }

    detail::AsyncTaskBase* select_task() {
        if (!task_ && !has_value_) panic("rt::select: a future without a result (already taken)");
        return task_;
    }

    detail::AsyncResult<T>* task_;
    detail::Slot<T> value_;
    bool has_value_;
};

class Executor {
public:
    static constexpr unsigned AUTO = ~0u - 1;    // async_limit: rt::cpu_count() - 1
    static constexpr unsigned UNLIMITED = ~0u;
    struct Options {
        unsigned async_limit = AUTO;
        unsigned concurrent_limit = UNLIMITED;
        size_t stack_size = 0; // workers' stacks; 0: SpawnConfig's default
    };

    Executor() : Executor(Options{}) {}
    explicit Executor(const Options& o);
    ~Executor();
    Executor(const Executor&) = delete;
    Executor& operator=(const Executor&) = delete;

    // f(args...) on a worker, or right here when none can take it: never fails.
    template <class F, class... A> auto async(F&& f, A&&... args) {
        auto body = detail::bind_task(rt::forward<F>(f), rt::forward<A>(args)...);
        using Body = decltype(body);
        using R = decltype(body());
        using Task = detail::AsyncTask<R, Body>;
        if (!detail::exec_saturated(&s_)) {
            if (void* mem = detail::exec_alloc(sizeof(Task), alignof(Task))) {
                auto t = ::new (mem, detail::PlacementTag{}) Task(rt::move(body));
                if (!detail::exec_submit(&s_, t, false)) {
                    // No room after all: run it here; the future finds it done.
                    Task::run(t);
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
        auto body = detail::bind_task(rt::forward<F>(f), rt::forward<A>(args)...);
        using Body = decltype(body);
        using R = decltype(body());
        using Task = detail::AsyncTask<R, Body>;
        using Result = Expected<Future<R>, ConcurrentError>;
        void* mem = detail::exec_alloc(sizeof(Task), alignof(Task));
        if (!mem) return Result(unexpected(ConcurrentError::ConcurrencyUnavailable));
        auto t = ::new (mem, detail::PlacementTag{}) Task(rt::move(body));
        if (!detail::exec_submit(&s_, t, true)) {
            t->body.~Body();
            rt::free(mem);
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
    detail::ExecState s_;
};

// The index of the first of the futures to finish (the lowest index when several have);
// Canceled when the calling task is canceled while it waits. The futures keep their results.
template <class... T> Expected<size_t, Errno> select(Future<T>&... f) {
    static_assert(sizeof...(T) > 0, "select of no futures");
    detail::AsyncTaskBase* tasks[] = {f.select_task()...};
    return detail::select_tasks(tasks, sizeof...(T));
}
template <class T> Expected<size_t, Errno> select(Future<T>* f, size_t n) {
    if (n == 0) panic("rt::select of no futures");
    constexpr size_t CHUNK = 64;
    if (n > CHUNK) panic("rt::select of more than 64 futures");
    detail::AsyncTaskBase* tasks[CHUNK];
    for (size_t i = 0; i < n; ++i) tasks[i] = f[i].select_task();
    return detail::select_tasks(tasks, n);
}

} // namespace rt
