// bedrock side of bench/suite.py's "stripped threads" size row: the program bench/ref/threads.c
// and bench/ref/threads.zig are (the primes below 2 000 000 counted on 4 threads, joined, the
// total printed), so that the row compares the same work. examples/threads.cpp does more
// (names, ids, thread-locals, timing) and is not the row's program.
#include "rt/io/print.h"
#include "rt/thread/thread.h"

namespace {

constexpr uint32_t LIMIT = 2'000'000, THREADS = 4;

void count_primes(uint32_t lo, uint32_t hi, uint32_t* out) {
    uint32_t n = 0;
    for (uint32_t v = lo < 2 ? 2 : lo; v < hi; ++v) {
        bool prime = v == 2 || v % 2 != 0;
        for (uint32_t d = 3; prime && d * d <= v; d += 2)
            if (v % d == 0) prime = false;
        n += prime;
    }
    *out = n;
}

} // namespace

int main(int, char**, char**) {
    uint32_t results[THREADS] = {};
    rt::Thread threads[THREADS];
    for (uint32_t i = 0; i < THREADS; ++i) {
        auto t = rt::Thread::spawn(count_primes, i * (LIMIT / THREADS), (i + 1) * (LIMIT / THREADS), results + i);
        if (!t) return 1;
        threads[i] = static_cast<rt::Thread&&>(*t);
    }
    uint32_t total = 0;
    for (uint32_t i = 0; i < THREADS; ++i) {
        threads[i].join();
        total += results[i];
    }
    rt::print("primes below {}: {}\n", LIMIT, total);
    return 0;
}
