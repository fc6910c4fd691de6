// rt::Io: the interface a program does its I/O through, after Zig's std.Io (the seed's
// Io/Threaded.zig; docs/io.md). Code written against `rt::Io&` runs unchanged on either
// implementation:
//   rt::Executor  (rt/exec/executor.h) — a thread pool: async may run a task on a worker,
//                 concurrent always does, and every blocking call inside a task is a cancel point;
//   rt::InlineIo  (rt/exec/inline_io.h) — no workers: async runs the task at once on the calling
//                 thread, concurrent reports ConcurrencyUnavailable.
//
// An abstract class: its virtual functions are the table an implementation fills in. The task
// entries (`saturated`, `submit`) take a type-erased task that the templates async/concurrent
// build; the clock, sleep and the file, directory and descriptor entries have default bodies, the
// blocking operations of rt/ops/ops.h, which both implementations use as they are (an
// implementation on an event loop would override them). Programs call the descriptor entries
// through the handles of rt/fs (rt::File, rt::Dir) and rt/proc (rt::Child), which take the Io
// as their first argument,
// as in the seed:
//
//   void copy_config(rt::Io& io) {
//       auto in = rt::Dir::cwd().open_file(io, "a.conf");
//       ...
//   }
//   rt::Executor ex;  copy_config(ex);   // on the pool
//   rt::InlineIo io;  copy_config(io);   // on this thread
//
// await and cancel are rt::Future's (rt/exec/future.h), select is rt::select (rt/exec/select.h)
// and groups are rt::Group (rt/exec/group.h), on futures of either implementation.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "rt/core/bind.h"
#include "rt/core/duration.h"
#include "rt/core/expected.h"
#include "rt/exec/future.h"
#include "rt/exec/queue.h"
#include "rt/exec/select.h"
#include "rt/ops/ops.h"
#include "rt/ops/process.h"
#include "rt/sync/cancel_points.h"
#include "rt/time/clock.h"

namespace rt {

enum class ConcurrentError : uint8_t {
    ConcurrencyUnavailable, // no worker may start: concurrent_limit reached, or a thread (or the
                            // task's memory) could not be had (clone: EAGAIN, ENOMEM); always on
                            // rt::InlineIo
};
constexpr const char* error_name(ConcurrentError e) {
    return e == ConcurrentError::ConcurrencyUnavailable ? "ConcurrencyUnavailable" : nullptr;
}

class Group;

class Io {
public:
    virtual ~Io() = default;

    // f(args...) on a worker, or right here when none can take it: never fails.
    template <class F, class... A> auto async(F&& f, A&&... args) {
        auto body = rt::bind(rt::forward<F>(f), rt::forward<A>(args)...);
        using R = decltype(body());
        if (!saturated()) {
            if (auto t = make_task(body)) {
                if (!submit(t, detail::Submit::Async)) {
                    // No room after all: run it here; the future finds it done.
                    t->run(t);
                    t->done.set();
                }
                return Future<R>(t);
            }
        }
        return Future<R>(detail::InlineTag{}, body);
    }

    // f(args...) on another thread, concurrently with the caller, or ConcurrencyUnavailable.
    template <class F, class... A> auto concurrent(F&& f, A&&... args) {
        auto body = rt::bind(rt::forward<F>(f), rt::forward<A>(args)...);
        using Body = decltype(body);
        using R = decltype(body());
        using Result = Expected<Future<R>, ConcurrentError>;
        auto t = make_task(body);
        if (!t) return Result(unexpected(ConcurrentError::ConcurrencyUnavailable));
        if (!submit(t, detail::Submit::Concurrent)) {
            t->body.~Body();
            rt::free(t);
            return Result(unexpected(ConcurrentError::ConcurrencyUnavailable));
        }
        return Result(Future<R>(t));
    }

    // Nanoseconds of clock c (rt/time/clock.h).
    virtual int64_t now(Clock c) { return rt::now(c); }
    // Sleeps for d; Errno::CANCELED when the task is canceled first.
    virtual Expected<void, Errno> sleep(Duration d) { return sleep_cancelable(d); }

    // The descriptor-level table; the contracts are rt/ops/ops.h's functions of the same names.
    virtual Expected<int, IoError> open(int dirfd, const char* path, long flags, unsigned mode) {
        return ops::open(dirfd, path, flags, mode);
    }
    virtual Expected<int, IoError> open_beneath(int dirfd, const char* path, long flags, unsigned mode) {
        return ops::open_beneath(dirfd, path, flags, mode);
    }
    virtual void close(int fd) { ops::close(fd); }
    virtual Expected<size_t, IoError> read(int fd, const sys::Iovec* iov, int count) { return ops::read(fd, iov, count); }
    virtual Expected<size_t, IoError> write(int fd, const sys::Iovec* iov, int count) {
        return ops::write(fd, iov, count);
    }
    virtual Expected<size_t, IoError> read_at(int fd, const sys::Iovec* iov, int count, uint64_t offset) {
        return ops::read_at(fd, iov, count, offset);
    }
    virtual Expected<size_t, IoError> write_at(int fd, const sys::Iovec* iov, int count, uint64_t offset) {
        return ops::write_at(fd, iov, count, offset);
    }
    virtual Expected<uint64_t, IoError> seek(int fd, int64_t offset, int whence) { return ops::seek(fd, offset, whence); }
    virtual Expected<void, IoError> set_length(int fd, uint64_t length) { return ops::set_length(fd, length); }
    virtual Expected<void, IoError> sync(int fd, bool data_only) { return ops::sync(fd, data_only); }
    virtual Expected<uint64_t, IoError> copy_range(int in, uint64_t* in_off, int out, uint64_t* out_off, uint64_t n) {
        return ops::copy_range(in, in_off, out, out_off, n);
    }
    virtual Expected<Stat, IoError> stat(int dirfd, const char* path, int flags) { return ops::stat(dirfd, path, flags); }
    virtual Expected<size_t, IoError> read_dir(int fd, void* buf, size_t n) { return ops::read_dir(fd, buf, n); }
    virtual Expected<void, IoError> make_dir(int dirfd, const char* path, unsigned mode) {
        return ops::make_dir(dirfd, path, mode);
    }
    virtual Expected<void, IoError> remove(int dirfd, const char* path, bool dir) { return ops::remove(dirfd, path, dir); }
    virtual Expected<void, IoError> rename(int olddir, const char* oldpath, int newdir, const char* newpath,
                                          unsigned flags) {
        return ops::rename(olddir, oldpath, newdir, newpath, flags);
    }
    virtual Expected<void, IoError> hard_link(int olddir, const char* oldpath, int newdir, const char* newpath,
                                             bool follow) {
        return ops::hard_link(olddir, oldpath, newdir, newpath, follow);
    }
    virtual Expected<void, IoError> sym_link(const char* target, int dirfd, const char* path) {
        return ops::sym_link(target, dirfd, path);
    }
    virtual Expected<size_t, IoError> read_link(int dirfd, const char* path, char* buf, size_t n) {
        return ops::read_link(dirfd, path, buf, n);
    }
    virtual Expected<void, IoError> access(int dirfd, const char* path, unsigned mode, int flags) {
        return ops::access(dirfd, path, mode, flags);
    }
    virtual Expected<void, IoError> set_permissions(int dirfd, const char* path, unsigned mode) {
        return ops::set_permissions(dirfd, path, mode);
    }
    virtual Expected<void, IoError> set_times(int dirfd, const char* path, const sys::Timespec times[2], int flags) {
        return ops::set_times(dirfd, path, times, flags);
    }
    virtual Expected<size_t, IoError> current_dir(char* buf, size_t n) { return ops::current_dir(buf, n); }

    // Processes (rt/ops/process.h).
    virtual Expected<ops::Spawned, IoError> spawn(const ops::SpawnRequest& r) { return ops::spawn(r); }
    virtual Expected<ExitStatus, IoError> wait_child(int pid, int pidfd, Duration timeout) {
        return ops::wait(pid, pidfd, timeout);
    }
    virtual Expected<void, IoError> kill_child(int pid, int pidfd, int sig) { return ops::kill(pid, pidfd, sig); }

protected:
    Io() = default;
    Io(const Io&) = default;
    Io& operator=(const Io&) = default;

    // Whether async should run its task inline without trying to queue it (a hint: the
    // implementation decides in submit).
    virtual bool saturated() = 0;
    // Queues t (Async: if there is room; Concurrent: on a worker that runs it concurrently). False
    // when it was not queued: async then runs it, concurrent reports ConcurrencyUnavailable.
    virtual bool submit(detail::ExecTask* t, detail::Submit how) = 0;

private:
    friend class Group;
    // The task for `body` (moved into it), or nullptr when its memory cannot be had (body is
    // then untouched).
    template <class Body> static auto make_task(Body& body) {
        using Task = detail::AsyncTask<decltype(body()), Body>;
        void* mem = detail::exec_alloc(sizeof(Task), alignof(Task));
        return mem ? ::new (mem, detail::PlacementTag{}) Task(rt::move(body)) : static_cast<Task*>(nullptr);
    }
};

} // namespace rt
