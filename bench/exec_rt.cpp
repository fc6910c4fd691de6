// bedrock side of bench/exec_bench.py. Usage: exec_rt MODE N; prints nanoseconds per task.
//   executor:  N tiny tasks through rt::Group::async on an rt::Executor (default options), then wait;
//   pool:      N tiny tasks through rt::Pool::spawn_wg (cpu_count workers), then wait — every
//              task goes through the queue, as in the references;
//   roundtrip: N times Executor::async(f).await() of a trivial f (queued: nothing else is busy).
#include "args.h"
#include "rt/exec/executor.h"
#include "rt/exec/group.h"
#include "rt/exec/pool.h"
#include "rt/io/print.h"
#include "rt/time/clock.h"

namespace {
using bench::parse;
using bench::streq;
unsigned long g_count;
void tiny() { __atomic_fetch_add(&g_count, 1, __ATOMIC_RELAXED); }
} // namespace

int main(int argc, char** argv, char**) {
    if (argc < 3) return 2;
    long n = parse(argv[2]);
    int64_t t0 = 0, t1 = 0;
    if (streq(argv[1], "executor")) {
        rt::Executor ex;
        t0 = rt::now(rt::Clock::Monotonic);
        {
            rt::Group g(ex);
            for (long i = 0; i < n; ++i) g.async(tiny);
            g.wait();
        }
        t1 = rt::now(rt::Clock::Monotonic);
    } else if (streq(argv[1], "pool")) {
        auto pool = rt::Pool::create();
        if (!pool) return 1;
        rt::WaitGroup wg;
        t0 = rt::now(rt::Clock::Monotonic);
        for (long i = 0; i < n; ++i) pool->spawn_wg(wg, tiny);
        wg.wait();
        t1 = rt::now(rt::Clock::Monotonic);
    } else if (streq(argv[1], "roundtrip")) {
        rt::Executor ex;
        long sum = 0;
        t0 = rt::now(rt::Clock::Monotonic);
        for (long i = 0; i < n; ++i) sum += ex.async([] { return 1L; }).await();
        t1 = rt::now(rt::Clock::Monotonic);
        g_count = static_cast<unsigned long>(sum);
    } else {
        return 2;
    }
    // A lost or doubled task is a wrong result, not a timing.
    if (g_count != static_cast<unsigned long>(n)) {
        rt::eprint("exec_rt: {} tasks ran, expected {}\n", g_count, n);
        return 1;
    }
    int64_t tenths = (t1 - t0) * 10 / n;
    rt::print("{}.{}\n", tenths / 10, tenths % 10);
    return 0;
}
