// rt::Executor at work: a parallel prime count split into futures, then a search with a time
// limit — select between the search and a timer, and cancel whichever is left: the search (it
// polls cancel_requested()) and a reader blocked on a pipe nobody writes to (a cancelable read,
// interrupted by the cancel signal).
#include "rt/exec/executor.h"
#include "rt/exec/group.h"
#include "rt/io/print.h"
#include "rt/sync/cancel_points.h"
#include "rt/sys/fd.h"
#include "rt/thread/this_thread.h"
#include "rt/time/clock.h"

namespace {

uint32_t count_primes(uint32_t lo, uint32_t hi) {
    uint32_t n = 0;
    for (uint32_t v = lo < 2 ? 2 : lo; v < hi; ++v) {
        bool prime = v == 2 || v % 2 != 0;
        for (uint32_t d = 3; prime && d * d <= v; d += 2)
            if (v % d == 0) prime = false;
        n += prime;
    }
    return n;
}

// The longest Collatz chain below `limit`, checking for cancellation every 4096 numbers.
struct Search {
    uint64_t best_start, best_len, reached;
    bool canceled;
};
Search longest_collatz(uint64_t limit) {
    Search s{1, 1, 1, false};
    for (uint64_t v = 1; v < limit; ++v) {
        if ((v & 4095) == 0 && rt::cancel_requested()) {
            s.canceled = true;
            s.reached = v;
            return s;
        }
        uint64_t x = v, len = 1;
        while (x != 1) x = (x & 1) ? 3 * x + 1 : x / 2, ++len;
        if (len > s.best_len) s.best_len = len, s.best_start = v;
    }
    s.reached = limit;
    return s;
}

} // namespace

int main(int, char**, char**) {
    using namespace rt::literals;
    rt::Executor ex;
    rt::print("executor: {} CPUs, async limit {}\n", rt::cpu_count(), ex.async_limit());

    // Parallel work: eight slices, each a future; awaited in order.
    int64_t t0 = rt::now(rt::Clock::Monotonic);
    constexpr uint32_t LIMIT = 1'000'000, SLICES = 8;
    rt::Future<uint32_t> parts[SLICES];
    for (uint32_t i = 0; i < SLICES; ++i)
        parts[i] = ex.async(count_primes, i * (LIMIT / SLICES), (i + 1) * (LIMIT / SLICES));
    uint32_t primes = 0;
    for (auto& p : parts) primes += p.await();
    rt::print("primes below {}: {} ({} ms, {} worker(s))\n", LIMIT, primes,
              (rt::now(rt::Clock::Monotonic) - t0) / 1'000'000, ex.workers());

    // Work with a deadline: the search would take minutes; a timer task ends it at 300 ms.
    int fds[2];
    if (!rt::sys::pipe2(fds, 0)) return 1;
    auto search = ex.concurrent(longest_collatz, uint64_t{1} << 40);
    auto timer = ex.concurrent([] { return rt::sleep_cancelable(300_ms).has_value(); });
    auto reader = ex.concurrent([fd = fds[0]] {
        char c;
        auto r = rt::read_cancelable(fd, &c, 1);
        return !r && r.error() == rt::Errno::CANCELED;
    });
    if (!search || !timer || !reader) {
        rt::eprint("no concurrency available\n");
        return 1;
    }
    auto first = rt::select(*search, *timer);
    if (first && *first == 1) rt::print("timer fired first: canceling the search\n");
    Search s = search->cancel();
    rt::print("search {} at {}: longest chain so far starts at {} ({} steps)\n",
              s.canceled ? "canceled" : "finished", s.reached, s.best_start, s.best_len);
    (void)timer->cancel();
    rt::print("blocked reader canceled: {}\n", reader->cancel() ? "yes" : "no");
    return 0;
}
