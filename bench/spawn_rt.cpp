// bedrock side of bench/spawn_bench.py and bench/suite.py: N rt::Thread spawn + join with
// STACK-byte stacks (default 64 KiB; 0: rt's default). Usage: spawn_rt N [STACK]. Prints
// nanoseconds per spawn+join.
#include "args.h"
#include "rt/io/print.h"
#include "rt/thread/thread.h"
#include "rt/time/clock.h"

using bench::parse;

int main(int argc, char** argv, char**) {
    long n = argc > 1 ? parse(argv[1]) : 20000;
    size_t stack = argc > 2 ? static_cast<size_t>(parse(argv[2])) : 64 * 1024;
    rt::SpawnConfig cfg; // STACK 0: rt's default stack (the field left unset)
    if (stack) cfg.stack_size = stack;
    int64_t t0 = rt::now(rt::Clock::Monotonic);
    for (long i = 0; i < n; ++i) {
        auto t = rt::Thread::spawn(cfg, [] {});
        if (!t) return 1;
        t->join();
    }
    int64_t t1 = rt::now(rt::Clock::Monotonic);
    int64_t tenths = (t1 - t0) * 10 / n;
    rt::print("{}.{}\n", tenths / 10, tenths % 10);
    return 0;
}
