#include "rt/ops/process.h"

#include "arch_abi.h"
#include "rt/ops/ops.h"
#include "rt/sync/cancel.h"
#include "rt/sync/cancel_points.h"
#include "rt/sys/fd.h"
#include "rt/sys/process.h"
#include "rt/sys/signal.h"
#include "rt/thread/clone.h"
#include "rt/time/clock.h"

namespace rt::ops {

namespace {

constexpr const char* DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

// What the child reads, in the parent's memory (shared under CLONE_VM, copied under a fork).
struct ChildArgs {
    const SpawnRequest* req;
    int err_fd;
    sys::SigSet old_mask;
    char path[PATH_MAX]; // the candidates of the PATH search
};

// The child's body, between clone and exec, on the parent's stack below it. Only syscalls: no
// lock, no allocation, nothing a handler could run into (every signal is blocked).
[[noreturn]] void child_fail(int fd, Errno e) {
    int code = static_cast<int>(e);
    (void)sys::write(fd, &code, sizeof code);
    for (;;) (void)sys::syscall<void>(sys::Sys::exit, 127);
}

int child_main(void* p) {
    auto a = static_cast<ChildArgs*>(p);
    const SpawnRequest& r = *a->req;
    // Handlers go back to the default before the mask does: one running here would run in the
    // parent's memory. Only the signals that ever had one (sys::detail::g_handler_set) are
    // asked about; ignored signals stay ignored, as across exec.
    for (int w = 0; w < sys::detail::HANDLER_SET_WORDS; ++w) {
        uint64_t bits = sys::detail::g_handler_set[w].load(Order::Relaxed);
        while (bits) {
            int sig = w * 64 + __builtin_ctzll(bits) + 1;
            bits &= bits - 1;
            sys::KernelSigaction old{};
            if (!sys::rt_sigaction(sig, nullptr, &old)) continue;
            auto h = reinterpret_cast<uintptr_t>(old.handler);
            if (h == 0 || h == 1) continue; // SIG_DFL, SIG_IGN
            sys::KernelSigaction dfl{}; // SIG_DFL: not noted in the set, nothing of the parent's written
            (void)sys::rt_sigaction(sig, &dfl, nullptr);
        }
    }
    // Descriptors: a source that is another target's number moves above 2 first.
    int fds[3] = {r.stdio[0], r.stdio[1], r.stdio[2]};
    for (int i = 0; i < 3; ++i) {
        if (fds[i] >= 0 && fds[i] < 3 && fds[i] != i) {
            auto moved = sys::fcntl(fds[i], sys::fcntl_op::DUPFD_CLOEXEC, 3);
            if (!moved) child_fail(a->err_fd, moved.error());
            fds[i] = *moved;
        }
    }
    for (int i = 0; i < 3; ++i) {
        if (fds[i] == STDIO_INHERIT) continue;
        if (fds[i] == STDIO_CLOSE) {
            (void)sys::close(i);
        } else if (fds[i] == i) {
            auto c = sys::fcntl(i, sys::fcntl_op::SETFD, 0); // keep it across exec
            if (!c) child_fail(a->err_fd, c.error());
        } else {
            auto d = sys::dup3(fds[i], i, 0);
            if (!d) child_fail(a->err_fd, d.error());
        }
    }
    if (r.dir_fd >= 0) {
        auto c = sys::fchdir(r.dir_fd);
        if (!c) child_fail(a->err_fd, c.error());
    }
    if (r.dir_path) {
        auto c = sys::chdir(r.dir_path);
        if (!c) child_fail(a->err_fd, c.error());
    }
    (void)sys::rt_sigprocmask(sys::sig::SETMASK, &a->old_mask, nullptr);

    StringView prog(r.program);
    if (prog.empty()) child_fail(a->err_fd, Errno::NOENT);
    if (prog.find('/') != StringView::NPOS) {
        auto e = sys::execve(r.program, r.argv, r.envp);
        child_fail(a->err_fd, e.error());
    }
    // The PATH search of execvp: the first directory whose candidate execs; EACCES remembered
    // (reported when nothing else was found), ENOENT and ENOTDIR passed over, any other error final.
    StringView dirs(r.search_path ? r.search_path : DEFAULT_PATH);
    Errno result = Errno::NOENT;
    bool denied = false;
    for (size_t start = 0; start <= dirs.size();) {
        size_t end = dirs.find(':', start);
        if (end == StringView::NPOS) end = dirs.size();
        StringView dir = dirs.substr(start, end - start);
        if (dir.empty()) dir = "."; // an empty entry is the working directory
        if (dir.size() + 1 + prog.size() < PATH_MAX) {
            __builtin_memcpy(a->path, dir.data(), dir.size());
            a->path[dir.size()] = '/';
            __builtin_memcpy(a->path + dir.size() + 1, prog.data(), prog.size());
            a->path[dir.size() + 1 + prog.size()] = 0;
            auto e = sys::execve(a->path, r.argv, r.envp).error();
            if (e == Errno::ACCES) denied = true;
            else if (e != Errno::NOENT && e != Errno::NOTDIR) {
                result = e;
                break;
            }
        } else {
            result = Errno::NAMETOOLONG;
        }
        start = end + 1;
    }
    if (result == Errno::NOENT && denied) result = Errno::ACCES;
    child_fail(a->err_fd, result);
}

Expected<ExitStatus, IoError> status_of(sys::WaitStatus st) {
    if (st.exited()) return ExitStatus{ExitStatus::Exited, st.exit_code()};
    return ExitStatus{ExitStatus::Signaled, st.term_signal()};
}

// Reaps pid, retrying on EINTR (after an exec failure, or to finish a wait).
Expected<ExitStatus, IoError> reap(int pid) {
    sys::WaitStatus st{};
    for (;;) {
        auto r = sys::wait4(pid, &st, 0);
        if (r) return status_of(st);
        if (r.error() != Errno::INTR) return unexpected(io_error(r.error()));
    }
}

} // namespace

Expected<Spawned, IoError> spawn(const SpawnRequest& r) {
    int ep[2];
    auto p = sys::pipe2(ep, sys::o::CLOEXEC);
    if (!p) return unexpected(io_error(p.error()));
    ChildArgs args;
    args.req = &r;
    args.err_fd = ep[1];
    // The child's stack: below this frame, unused by the parent while CLONE_VFORK suspends it.
    alignas(16) unsigned char stack[16384];
    sys::SigSet all = sys::sigset_full();
    (void)sys::rt_sigprocmask(sys::sig::BLOCK, &all, &args.old_mask);
    long pid = rt_arch_clone(static_cast<unsigned long>(sys::clone_flag::VM | sys::clone_flag::VFORK | sys::sig::CHLD),
                             stack + sizeof stack, nullptr, 0, nullptr, &child_main, &args);
    (void)sys::rt_sigprocmask(sys::sig::SETMASK, &args.old_mask, nullptr);
    (void)sys::close(ep[1]);
    if (pid < 0) {
        (void)sys::close(ep[0]);
        Errno e = static_cast<Errno>(-pid);
        if (e == Errno::AGAIN) return unexpected(IoError(IoError::ProcessQuota, e));
        return unexpected(io_error(e));
    }
    // The exec's outcome: end of file when it succeeded (the pipe closed by exec), else the errno.
    int code = 0;
    size_t got = 0;
    while (got < sizeof code) {
        auto n = sys::read(ep[0], reinterpret_cast<char*>(&code) + got, sizeof code - got);
        if (!n && n.error() == Errno::INTR) continue;
        if (!n || *n == 0) break;
        got += *n;
    }
    (void)sys::close(ep[0]);
    if (got == sizeof code) {
        (void)reap(static_cast<int>(pid));
        return unexpected(io_error(static_cast<Errno>(code)));
    }
    auto fd = sys::pidfd_open(static_cast<int>(pid));
    return Spawned{static_cast<int>(pid), fd ? *fd : -1};
}

Expected<ExitStatus, IoError> wait(int pid, int pidfd, Duration timeout) {
    bool in_task = rt::detail::t_cancel_word != nullptr;
    bool forever = timeout == Duration::max();
    if (forever && !in_task) return reap(pid);
    Deadline deadline = deadline_after(timeout);
    if (pidfd >= 0) {
        // Readable once the child has ended: poll is the cancel point and the timeout.
        for (;;) {
            sys::PollFd pf{pidfd, static_cast<short>(sys::poll::IN), 0};
            Duration left = deadline.is_never() ? Duration::max() : deadline.remaining(now(Clock::Monotonic));
            auto ready = poll_cancelable(&pf, 1, left);
            if (!ready) return unexpected(io_error(ready.error()));
            if (*ready > 0) return reap(pid);
            if (deadline_passed(deadline)) return unexpected(IoError(IoError::TimedOut, Errno::TIMEDOUT));
        }
    }
    // No pidfd (Linux before 5.3): ask without blocking, sleep in between (1 ms, doubling to 50 ms).
    int64_t nap = 1'000'000;
    for (;;) {
        sys::WaitStatus st{};
        auto r = sys::wait4(pid, &st, sys::wait::NOHANG);
        if (!r && r.error() != Errno::INTR) return unexpected(io_error(r.error()));
        if (r && *r == pid) return status_of(st);
        if (deadline_passed(deadline)) return unexpected(IoError(IoError::TimedOut, Errno::TIMEDOUT));
        Duration d = Duration::nanoseconds(nap);
        if (!deadline.is_never()) {
            Duration left = deadline.remaining(now(Clock::Monotonic));
            if (left < d) d = left;
        }
        auto s = sleep_cancelable(d);
        if (!s) return unexpected(io_error(s.error()));
        if (nap < 50'000'000) nap *= 2;
    }
}

Expected<void, IoError> kill(int pid, int pidfd, int sig) {
    auto r = pidfd >= 0 ? sys::pidfd_send_signal(pidfd, sig) : sys::kill(pid, sig);
    // A child that has exited and waits to be reaped: kill(2) succeeds on it, pidfd_send_signal
    // says ESRCH; both mean there is nothing left to signal, which is not the caller's error.
    if (!r && r.error() == Errno::SRCH) return {};
    if (!r) return unexpected(io_error(r.error()));
    return {};
}

} // namespace rt::ops
