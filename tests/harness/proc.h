// What /proc says about the test process: its thread count and mapping count, for the cases
// that check that threads and mappings are given back.
#pragma once

#include "rt/sys/fd.h"
#include "rt/thread/this_thread.h"
#include "uapi.h"

namespace rt::test {

// The "Threads:" count of /proc/self/status (-1 when it cannot be read).
inline int threads_now() {
    auto fd = sys::openat(sys::at::FDCWD, "/proc/self/status", sys::o::RDONLY | sys::o::CLOEXEC);
    if (!fd) return -1;
    char buf[4096];
    size_t got = 0;
    for (;;) {
        auto r = sys::read(*fd, buf + got, sizeof buf - 1 - got);
        if (!r || *r == 0) break;
        got += *r;
    }
    (void)sys::close(*fd);
    buf[got] = 0;
    for (char* p = buf; *p; ++p) {
        const char* key = "\nThreads:";
        int i = 0;
        while (key[i] && p[i] == key[i]) ++i;
        if (key[i]) continue;
        p += i;
        while (*p == ' ' || *p == '\t') ++p;
        int n = 0;
        while (*p >= '0' && *p <= '9') n = n * 10 + (*p++ - '0');
        return n;
    }
    return -1;
}

// Lines of /proc/self/maps (-1 when it cannot be read).
inline int maps_lines() {
    auto fd = sys::openat(sys::at::FDCWD, "/proc/self/maps", sys::o::RDONLY | sys::o::CLOEXEC);
    if (!fd) return -1;
    char buf[4096];
    int lines = 0;
    for (;;) {
        auto r = sys::read(*fd, buf, sizeof buf);
        if (!r || *r == 0) break;
        for (size_t i = 0; i < *r; ++i) lines += buf[i] == '\n';
    }
    (void)sys::close(*fd);
    return lines;
}

// Joined threads may still be leaving the kernel's (or the emulator's) task list for a while:
// waits (up to ~5 s) until the thread count is at most `n`; returns the last count seen.
inline int threads_settle(int n) {
    int now = threads_now();
    for (int i = 0; i < 500 && now > n; ++i) {
        sleep(Duration::milliseconds(10));
        now = threads_now();
    }
    return now;
}

} // namespace rt::test
