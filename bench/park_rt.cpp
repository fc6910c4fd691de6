// bedrock side of bench/suite.py's memory and scale rows. Usage: park_rt N STACK (STACK 0: rt's
// default). Starts N threads that each count themselves in and then wait (parked on a futex)
// until released; prints the resident-memory growth per thread (bytes, /proc/self/statm) and
// the time to get them all started (ns per thread), then releases and joins them. Exits 1,
// printing how many were started, if a spawn fails.
#include "args.h"
#include "rt/io/print.h"
#include "rt/mem/alloc.h"
#include "rt/start/process.h"
#include "rt/sync/mutex.h"
#include "rt/sync/condition.h"
#include "rt/sync/reset_event.h"
#include "rt/sys/fd.h"
#include "rt/thread/thread.h"
#include "rt/time/clock.h"
#include "uapi.h"

namespace {
using bench::parse;
long resident_bytes() {
    auto fd = rt::sys::openat(rt::sys::at::FDCWD, "/proc/self/statm", rt::sys::o::RDONLY);
    if (!fd) return -1;
    char buf[128] = {};
    auto r = rt::sys::read(*fd, buf, sizeof buf - 1);
    (void)rt::sys::close(*fd);
    if (!r) return -1;
    const char* p = buf;
    while (*p && *p != ' ') ++p; // size, then resident
    return parse(p + 1) * static_cast<long>(rt::page_size());
}
rt::Mutex g_lock;
rt::Condition g_all_in;
long g_in;
rt::ResetEvent g_release;
} // namespace

int main(int argc, char** argv, char**) {
    if (argc < 3) return 2;
    long n = parse(argv[1]);
    size_t stack = static_cast<size_t>(parse(argv[2]));
    rt::SpawnConfig cfg; // STACK 0: the default stack (the field left unset)
    if (stack) cfg.stack_size = stack;
    auto threads = static_cast<rt::Thread*>(rt::alloc(static_cast<size_t>(n) * sizeof(rt::Thread)));
    if (!threads) return 1;
    auto warm = rt::Thread::spawn(cfg, [] {});
    if (!warm) return 1;
    warm->join();
    long before = resident_bytes();
    int64_t t0 = rt::now(rt::Clock::Monotonic);
    long started = 0;
    for (; started < n; ++started) {
        auto t = rt::Thread::spawn(cfg, [] {
            g_lock.lock();
            ++g_in;
            g_all_in.signal();
            g_lock.unlock();
            g_release.wait();
        });
        if (!t) break;
        ::new (&threads[started], rt::detail::PlacementTag{}) rt::Thread(rt::move(*t));
    }
    g_lock.lock();
    while (g_in < started) g_all_in.wait(g_lock);
    g_lock.unlock();
    int64_t t1 = rt::now(rt::Clock::Monotonic);
    long after = resident_bytes();
    g_release.set();
    for (long i = 0; i < started; ++i) threads[i].join();
    if (started < n) {
        rt::print("FAIL {}\n", started);
        return 1;
    }
    rt::print("{} {}\n", (after - before) / n, (t1 - t0) / n);
    return 0;
}
