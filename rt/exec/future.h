// rt::Future<T>: the result of a task started by Executor::async / concurrent (rt/exec/executor.h).
// await() waits for the task and returns its result (T may be void); cancel() requests the
// task's cancellation (rt/sync/cancel.h) and then awaits it — the task sees Errno::CANCELED at
// its next cancel point and decides what to return; request_cancel() only requests it; done()
// says whether await would return at once. A future is awaited (or canceled) once. Destroying a
// future whose task is still pending cancels the task and waits for it: no task outlives the
// scope that holds its future (stricter than std::future, as Zig's Io.Future).
//
//   rt::Executor ex;
//   rt::Future<int> f = ex.async(compute, 21);
//   int v = f.await(); // compute(21)
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "rt/core/expected.h"
#include "rt/core/panic.h"
#include "rt/core/traits.h"
#include "rt/exec/queue.h"
#include "rt/sync/cancel.h"
#include "rt/sync/reset_event.h"

namespace rt {

class Io;
template <class T> class Future;

namespace detail {

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
    Atomic<uintptr_t> select;
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
        exec_task_init(this, &run, &async_complete);
        this->select.store(0, Order::Relaxed);
    }
    // Never destroyed as a whole: run destroys the body, the Future the result.
    ~AsyncTask() = delete;
    static void run(ExecTask* t) {
        auto self = static_cast<AsyncTask*>(t);
        self->result.fill(self->body);
        self->body.~Body();
    }
};

struct InlineTag {};

} // namespace detail

template <class T> class [[nodiscard]] Future {
public:
    Future(Future&& o) : task_(nullptr), has_value_(false) { take(o); }
    // An empty future (no task, no result), to be assigned one.
    Future() : task_(nullptr), has_value_(false) {}
    // Takes o's task or result; a task this future still had is canceled first.
    Future& operator=(Future&& o) {
        if (this != &o) {
            drop();
            take(o);
        }
        return *this;
    }
    Future& operator=(const Future&) = delete;
    Future(const Future&) = delete;
    ~Future() { drop(); }

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
    friend class Io;
    template <class... U> friend Expected<size_t, Errno> select(Future<U>&... f);
    template <class U> friend Expected<size_t, Errno> select(Future<U>* f, size_t n);

    explicit Future(detail::AsyncResult<T>* t) : task_(t), has_value_(false) {}
    template <class Body> Future(detail::InlineTag, Body& body) : task_(nullptr), has_value_(true) { value_.fill(body); }

    detail::AsyncTaskBase* select_task() {
        if (!task_ && !has_value_) panic("rt::select: a future without a result (already taken)");
        return task_;
    }

    // What the destructor does: cancel and wait for a pending task, or destroy a result.
    void drop() {
        if (task_ && task_->lost) rt::free(task_); // a fork child's copy: nothing to wait for
        else if (task_) (void)cancel();
        else if (has_value_) value_.destroy();
        task_ = nullptr;
        has_value_ = false;
    }
    // Moves o's task or result into this empty future; o is left empty.
    void take(Future& o) {
        task_ = o.task_;
        has_value_ = o.has_value_;
        if constexpr (!is_void_v<T>)
            if (has_value_) ::new (static_cast<void*>(value_.bytes), detail::PlacementTag{}) T(o.value_.take());
        o.task_ = nullptr;
        o.has_value_ = false;
    }

    detail::AsyncResult<T>* task_;
    detail::Slot<T> value_;
    bool has_value_;
};

} // namespace rt
