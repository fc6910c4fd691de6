// The floor for bench/spawn_bench.py: what a thread costs with nothing around it — the clone
// stub on one reused 64 KiB stack, no TLS area, no guard, no block, join by futex on the
// kernel-cleared tid word. Prints nanoseconds per clone+join.
#include "args.h"
#include "rt/io/print.h"
#include "rt/sys/futex.h"
#include "rt/thread/clone.h"
#include "rt/time/clock.h"
#include "uapi.h"

namespace {
using bench::parse;
int body(void*) { return 0; }
alignas(16) char g_stack[64 * 1024];
int g_tid;
} // namespace

int main(int argc, char** argv, char**) {
    long n = argc > 1 ? parse(argv[1]) : 20000;
    using namespace rt::sys;
    unsigned long flags = clone_flag::VM | clone_flag::FS | clone_flag::FILES | clone_flag::SIGHAND |
                          clone_flag::THREAD | clone_flag::SYSVSEM | clone_flag::PARENT_SETTID |
                          clone_flag::CHILD_CLEARTID;
    int64_t t0 = rt::now(rt::Clock::Monotonic);
    for (long i = 0; i < n; ++i) {
        long r = rt_arch_clone(flags, g_stack + sizeof g_stack, &g_tid, 0, &g_tid, body, nullptr);
        if (r < 0) return 1;
        for (int t; (t = __atomic_load_n(&g_tid, __ATOMIC_ACQUIRE)) != 0;)
            (void)futex_wait(reinterpret_cast<uint32_t*>(&g_tid), static_cast<uint32_t>(t), nullptr, false);
    }
    int64_t t1 = rt::now(rt::Clock::Monotonic);
    int64_t tenths = (t1 - t0) * 10 / n;
    rt::print("{}.{}\n", tenths / 10, tenths % 10);
    return 0;
}
