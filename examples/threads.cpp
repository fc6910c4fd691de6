// Counts the primes below 2 000 000 on as many threads as there are CPUs (at least 4): each
// worker is named, sieves its own slice, and reports its thread id and name; the main thread
// joins them and adds up. Thread-locals, names, ids and joins, without a libc.
#include "rt/io/print.h"
#include "rt/mem/alloc.h"
#include "rt/sync/mutex.h"
#include "rt/thread/this_thread.h"
#include "rt/thread/thread.h"
#include "rt/time/clock.h"

namespace {

constexpr uint32_t LIMIT = 2'000'000;
rt::Mutex g_print_lock;
thread_local uint32_t t_tested; // per thread: numbers this thread examined

// Primes in [lo, hi) by trial division with odd divisors (deliberately CPU-bound).
uint32_t count_primes(uint32_t lo, uint32_t hi) {
    uint32_t n = 0;
    for (uint32_t v = lo < 2 ? 2 : lo; v < hi; ++v) {
        ++t_tested;
        bool prime = v == 2 || v % 2 != 0;
        for (uint32_t d = 3; prime && d * d <= v; d += 2)
            if (v % d == 0) prime = false;
        n += prime;
    }
    return n;
}

} // namespace

int main() {
    unsigned workers = rt::cpu_count();
    if (workers < 4) workers = 4;
    if (workers > 64) workers = 64;
    auto results = static_cast<uint32_t*>(rt::alloc_zeroed(workers, sizeof(uint32_t)));
    if (!results) return 1;
    rt::Thread threads[64]; // empty until a spawned thread is moved in
    rt::print("main thread {} counts primes below {} on {} threads ({} CPUs)\n", rt::current_thread_id(), LIMIT,
              workers, rt::cpu_count());
    int64_t t0 = rt::now(rt::Clock::Monotonic);
    for (unsigned i = 0; i < workers; ++i) {
        char name[16];
        rt::format_to(name, sizeof name, "sieve-{}", i);
        // Interleaved slices keep the work even (large numbers cost more).
        auto t = rt::Thread::spawn(rt::SpawnConfig{.stack_size = 256 * 1024, .name = name},
                                   [i, workers](uint32_t* out) {
                                       uint32_t total = 0;
                                       for (uint32_t lo = i * 10000; lo < LIMIT; lo += workers * 10000)
                                           total += count_primes(lo, lo + 10000 < LIMIT ? lo + 10000 : LIMIT);
                                       *out = total;
                                       char me[16];
                                       (void)rt::get_name(me);
                                       rt::LockGuard<rt::Mutex> g(g_print_lock);
                                       rt::print("  thread {:>7} {:<9} examined {:>7} numbers, found {:>6} primes\n",
                                                 rt::current_thread_id(), static_cast<const char*>(me), t_tested,
                                                 total);
                                   },
                                   results + i);
        if (!t) {
            rt::eprint("spawn failed: {}\n", t.error());
            return 1;
        }
        threads[i] = rt::move(*t);
    }
    uint32_t total = 0;
    for (unsigned i = 0; i < workers; ++i) {
        threads[i].join();
        total += results[i];
    }
    int64_t ms = (rt::now(rt::Clock::Monotonic) - t0) / 1'000'000;
    rt::print("{} primes below {} (expected 148933), {} ms\n", total, LIMIT, ms);
    rt::free(results);
    return total == 148933 ? 0 : 1;
}
