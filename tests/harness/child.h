// Running a piece of a test in a fork-style child process: for what must kill a process
// (panics, faults) and for state a test must not leave behind in the runner.
#pragma once

#include "rt/io/print.h"
#include "rt/sys/fd.h"
#include "rt/sys/process.h"
#include "rt/sys/signal.h"
#include "rt/thread/this_thread.h"

namespace rt::test {

bool under_emulator(); // tap.h

namespace detail {
// Under QEMU 7.2's user mode a child forked from a process with other threads can hang in the
// emulator itself: seen under qemu-ppc (about one thread_test run in 60), the child's only
// thread blocked on a futex at a host address outside the guest's memory — one of QEMU's own
// locks, held at the fork by a thread the child does not have — after the guest had printed
// its panic. There (only) the wait is bounded and the child killed; natively and on the real
// kernels a child is waited for as long as it runs.
constexpr int64_t EMULATOR_CHILD_LIMIT_S = 60;

// The child's wait status into *st; false when the child was killed after the limit.
inline bool wait_child(int pid, sys::WaitStatus* st) {
    if (!under_emulator()) {
        auto w = sys::wait4(pid, st);
        if (!w || *w != pid) *st = sys::WaitStatus{-2};
        return true;
    }
    for (int64_t waited_ms = 0;; waited_ms += 10) {
        auto w = sys::wait4(pid, st, sys::wait::NOHANG);
        if (!w || *w == pid) {
            if (!w) *st = sys::WaitStatus{-2};
            return true;
        }
        if (waited_ms >= EMULATOR_CHILD_LIMIT_S * 1000) break;
        sleep(Duration::milliseconds(10));
    }
    (void)sys::kill(pid, static_cast<int>(sys::sig::KILL));
    (void)sys::wait4(pid, st);
    rt::print("# a child hung in the emulator for {} s (QEMU user mode, fork of a process with threads): "
              "killed, run again\n", EMULATOR_CHILD_LIMIT_S);
    return false;
}
constexpr int EMULATOR_CHILD_ATTEMPTS = 3;

// Forks a child that exits with fn()'s status (0 where fn returns void); the child's pid.
template <class F> Expected<int, Errno> fork_running(F& fn) {
    auto pid = rt::fork();
    if (!pid || *pid != 0) return pid;
    if constexpr (requires { static_cast<int>(fn()); }) {
        sys::exit_group(fn());
    } else {
        fn();
        sys::exit_group(0);
    }
}
} // namespace detail

// Runs fn (returning the exit status) in a child; returns its wait status, or a status with
// a negative raw value when the child could not be started or reaped (or, under an emulator,
// hung in the emulator at every attempt: -4).
template <class F> sys::WaitStatus in_child(F fn) {
    for (int attempt = 0; attempt < detail::EMULATOR_CHILD_ATTEMPTS; ++attempt) {
        auto pid = detail::fork_running(fn);
        if (!pid) return sys::WaitStatus{-1};
        sys::WaitStatus st{0};
        if (detail::wait_child(*pid, &st)) return st;
    }
    return sys::WaitStatus{-4};
}

// As in_child, with the child's stderr captured into `out` (NUL-terminated, truncated to fit);
// with `and_stdout`, its stdout too (then nothing the child — or an emulator aborting in it —
// prints can reach the TAP stream).
// fn may return void (the child then exits with 0 if fn returns).
template <class F, size_t N> sys::WaitStatus in_child_stderr(F fn, char (&out)[N], bool and_stdout = false) {
    for (int attempt = 0; attempt < detail::EMULATOR_CHILD_ATTEMPTS; ++attempt) {
        int fds[2];
        if (!sys::pipe2(fds, 0)) return sys::WaitStatus{-3};
        auto body = [&] {
            (void)sys::close(fds[0]);
            (void)sys::dup3(fds[1], 2, 0);
            if (and_stdout) (void)sys::dup3(fds[1], 1, 0);
            return fn();
        };
        auto pid = detail::fork_running(body);
        if (!pid) {
            (void)sys::close(fds[0]);
            (void)sys::close(fds[1]);
            return sys::WaitStatus{-1};
        }
        sys::WaitStatus st{0};
        bool finished = detail::wait_child(*pid, &st);
        (void)sys::close(fds[1]);
        size_t got = 0;
        while (got < N - 1) {
            auto r = sys::read(fds[0], out + got, N - 1 - got);
            if (!r || *r == 0) break;
            got += *r;
        }
        out[got] = 0;
        (void)sys::close(fds[0]);
        if (finished) return st;
    }
    return sys::WaitStatus{-4};
}

inline bool streq(const char* a, const char* b) {
    while (*a && *a == *b) ++a, ++b;
    return *a == *b;
}

inline bool starts_with(const char* s, const char* prefix) {
    while (*prefix && *s == *prefix) ++s, ++prefix;
    return *prefix == 0;
}

inline bool contains(const char* s, const char* part) {
    for (; *s; ++s)
        if (starts_with(s, part)) return true;
    return false;
}

// QEMU 7.2 user mode aborts a child forked from a multithreaded process when the child creates
// a thread whose vCPU index is still in its plugin table (plugins/core.c:221,
// qemu_plugin_vcpu_init_hook: "assertion failed: (success)"; README, emulator deviations).
// True when a child's stderr shows that abort: the case is then skipped under the emulator.
inline bool qemu_fork_thread_abort(const char* child_stderr) {
    return contains(child_stderr, "qemu_plugin_vcpu_init_hook: assertion failed");
}

} // namespace rt::test
