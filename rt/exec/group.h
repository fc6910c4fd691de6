// rt::Group: many tasks of one scope on an rt::Io (an Executor, or InlineIo where each runs as it is added), waited for or canceled together.
//   state_: 4 × (tasks queued and not yet complete) | LOST (bit 1: a task did not exist in this
//           child of rt::fork; wait panics) | WAITING (bit 0: wait() sleeps on the word);
//           the task that brings the count to 0 while WAITING is set wakes the waiter.
//   tasks_: every queued task, pushed lock-free; cancel walks it; wait frees it.
// async/concurrent may be called from several threads; wait/cancel by one thread, after them.
// A group's tasks return nothing (a result is discarded). Destroying a group cancels what is
// still pending.
#pragma once

#include "rt/exec/io.h"

namespace rt {

namespace detail {

struct GroupTask : ExecTask {
    GroupTask* sibling;
    FutexWord* state;
};
void group_complete(ExecTask* t);

template <class Body> struct GroupTaskOf : GroupTask {
    Body body;
    explicit GroupTaskOf(Body&& b) : body(rt::move(b)) {
        exec_task_init(this, &run, &group_complete);
    }
    ~GroupTaskOf() = delete;
    static void run(ExecTask* t) {
        auto self = static_cast<GroupTaskOf*>(t);
        self->body();
        self->body.~Body();
    }
};

} // namespace detail

class Group {
public:
    explicit Group(Io& io) : io_(&io) {}
    ~Group() { cancel(); }
    Group(const Group&) = delete;
    Group& operator=(const Group&) = delete;

    // f(args...) on a worker, or here when none can take it (never fails).
    template <class F, class... A> void async(F&& f, A&&... args) {
        auto body = rt::bind(rt::forward<F>(f), rt::forward<A>(args)...);
        if (!io_->saturated() && queue(body, false)) return;
        body();
    }
    // f(args...) on a worker, or ConcurrencyUnavailable.
    template <class F, class... A> Expected<void, ConcurrentError> concurrent(F&& f, A&&... args) {
        auto body = rt::bind(rt::forward<F>(f), rt::forward<A>(args)...);
        if (!queue(body, true)) return unexpected(ConcurrentError::ConcurrencyUnavailable);
        return {};
    }

    // Waits until every task has finished. If the calling task is canceled meanwhile, the
    // group's tasks are canceled and waited for.
    void wait();
    // Requests cancellation of every task, then waits for them.
    void cancel();

private:
    template <class Body> bool queue(Body& body, bool concurrent) {
        using Task = detail::GroupTaskOf<Body>;
        void* mem = detail::exec_alloc(sizeof(Task), alignof(Task));
        if (!mem) return false;
        auto t = ::new (mem, detail::PlacementTag{}) Task(rt::move(body));
        enlist(t);
        if (io_->submit(t, concurrent ? detail::Submit::Concurrent : detail::Submit::Async)) return true;
        // Not queued, but counted and listed: finish it here, running it unless it had to run
        // concurrently (the caller then reports ConcurrencyUnavailable).
        if (concurrent) t->body.~Body();
        else Task::run(t);
        t->complete(t);
        return !concurrent;
    }
    void enlist(detail::GroupTask* t);
    uint32_t wait_all(bool cancelable);
    void release_tasks();

    Io* io_;
    FutexWord state_{0};
    Atomic<detail::GroupTask*> tasks_;
};

} // namespace rt
