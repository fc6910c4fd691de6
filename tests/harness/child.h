// Running a piece of a test in a fork-style child process: for what must kill a process
// (panics, faults) and for state a test must not leave behind in the runner.
#pragma once

#include "rt/sys/fd.h"
#include "rt/sys/process.h"
#include "rt/thread/this_thread.h"

namespace rt::test {

// Runs fn (returning the exit status) in a child; returns its wait status, or a status with
// a negative raw value when the child could not be started or reaped.
template <class F> sys::WaitStatus in_child(F fn) {
    auto pid = rt::fork();
    if (!pid) return sys::WaitStatus{-1};
    if (*pid == 0) sys::exit_group(fn());
    sys::WaitStatus st{0};
    auto w = sys::wait4(*pid, &st);
    if (!w || *w != *pid) return sys::WaitStatus{-2};
    return st;
}

// As in_child, with the child's stderr captured into `out` (NUL-terminated, truncated to fit);
// with `and_stdout`, its stdout too (then nothing the child — or an emulator aborting in it —
// prints can reach the TAP stream).
// fn may return void (the child then exits with 0 if fn returns).
template <class F, size_t N> sys::WaitStatus in_child_stderr(F fn, char (&out)[N], bool and_stdout = false) {
    int fds[2];
    if (!sys::pipe2(fds, 0)) return sys::WaitStatus{-3};
    auto st = in_child([&]() -> int {
        (void)sys::close(fds[0]);
        (void)sys::dup3(fds[1], 2, 0);
        if (and_stdout) (void)sys::dup3(fds[1], 1, 0);
        if constexpr (requires { static_cast<int>(fn()); }) {
            return fn();
        } else {
            fn();
            return 0;
        }
    });
    (void)sys::close(fds[1]);
    size_t got = 0;
    while (got < N - 1) {
        auto r = sys::read(fds[0], out + got, N - 1 - got);
        if (!r || *r == 0) break;
        got += *r;
    }
    out[got] = 0;
    (void)sys::close(fds[0]);
    return st;
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
