// rt::Pool on every ABI: every task runs once, wait groups, nested spawns, destruction runs
// what is queued and leaves no thread behind.
#include "harness/child.h"
#include "harness/proc.h"
#include "harness/tap.h"
#include "rt/exec/pool.h"
#include "rt/sys/fd.h"
#include "rt/io/print.h"
#include "rt/sys/signal.h"
#include "rt/thread/this_thread.h"
#include "uapi.h"

using namespace rt;
using namespace rt::literals;

namespace {

constexpr size_t SMALL_STACK = 64 * 1024;

// Task i's run count (words: GCC calls libatomic for byte atomics on riscv64).
constexpr int RUNS = 20000;
uint32_t g_runs[RUNS];
void count_run(int i) { __atomic_fetch_add(&g_runs[i], 1, __ATOMIC_RELAXED); }
// Before the tasks: every count 0; after them, how many of tasks [0, n) did not run exactly once.
void clear_runs() {
    for (auto& r : g_runs) r = 0;
}
int runs_not_once(int n) {
    int wrong = 0;
    for (int i = 0; i < n; ++i) wrong += g_runs[i] != 1;
    return wrong;
}

} // namespace

TEST("every task runs exactly once; wait groups see them finish") {
    auto pool = Pool::create(Pool::Options{.workers = 3, .stack_size = SMALL_STACK});
    REQUIRE(pool);
    CHECK_EQ(pool->workers(), 3u);
    clear_runs();
    WaitGroup wg;
    for (int i = 0; i < RUNS; ++i) pool->spawn_wg(wg, count_run, i);
    wg.wait();
    CHECK_EQ(runs_not_once(RUNS), 0);
}

TEST("tasks spawn tasks; arguments are moved in") {
    auto pool = Pool::create(Pool::Options{.workers = 2, .stack_size = SMALL_STACK});
    REQUIRE(pool);
    static long sum;
    sum = 0;
    WaitGroup wg;
    Pool* p = &*pool;
    for (int i = 1; i <= 100; ++i)
        p->spawn_wg(wg, [p, &wg](int outer) {
            for (int j = 1; j <= 10; ++j)
                p->spawn_wg(wg, [](long v) { __atomic_fetch_add(&sum, v, __ATOMIC_RELAXED); }, long{outer} * j);
        }, i);
    wg.wait();
    CHECK_EQ(sum, 5050L * 55);
}

namespace {
// A callable that is not trivially copyable: it cannot live in a queue entry, so it goes in a
// node. Counts its live copies and its calls.
struct Counted {
    static inline int live = 0, calls = 0;
    int v;
    explicit Counted(int x) : v(x) { ++live; }
    Counted(Counted&& o) : v(o.v) { ++live; }
    ~Counted() { --live; }
    void operator()() { __atomic_fetch_add(&calls, v, __ATOMIC_RELAXED); }
};
// Larger than an entry's 48 bytes, though trivially copyable.
struct Big {
    uint64_t words[8];
    void operator()() const { __atomic_fetch_add(&Counted::calls, static_cast<int>(words[7]), __ATOMIC_RELAXED); }
};
} // namespace

TEST("tasks kept in the queue itself and in nodes: each runs once, in order, its callable destroyed") {
    static_assert(detail::FITS_INLINE<decltype(rt::bind([](int) {}, 1))>, "a small capture is stored in place");
    static_assert(!detail::FITS_INLINE<Counted> && !detail::FITS_INLINE<Big>, "these need a node");
    // One worker, held while 1000 tasks queue up (16 of the queue's 63-entry blocks):
    // they must run in the order they were queued, each once.
    auto pool = Pool::create(Pool::Options{.workers = 1, .stack_size = SMALL_STACK});
    REQUIRE(pool);
    static uint32_t gate, order[1000], next;
    gate = 0;
    next = 0;
    REQUIRE(pool->spawn([] {
        while (__atomic_load_n(&gate, __ATOMIC_ACQUIRE) == 0) sleep(1_ms);
    }));
    WaitGroup wg;
    Counted::live = Counted::calls = 0;
    for (uint32_t i = 0; i < 1000; ++i) {
        if (i % 3 == 1) pool->spawn_wg(wg, Counted(1));
        else if (i % 3 == 2) pool->spawn_wg(wg, Big{{0, 0, 0, 0, 0, 0, 0, 1}});
        else pool->spawn_wg(wg, [](uint32_t k) { order[next++] = k; }, i); // one worker: no race
    }
    CHECK(Counted::live > 0); // queued nodes hold their callables
    __atomic_store_n(&gate, 1, __ATOMIC_RELEASE);
    wg.wait();
    CHECK_EQ(Counted::calls, 666);
    CHECK_EQ(Counted::live, 0);
    CHECK_EQ(next, 334u);
    int out_of_order = 0;
    for (uint32_t j = 0; j < next; ++j) out_of_order += order[j] != 3 * j;
    CHECK_EQ(out_of_order, 0);
}

TEST("a pool of zero workers runs every task on the spawning thread; unset workers is one per CPU") {
    auto pool = Pool::create(Pool::Options{.workers = 0});
    REQUIRE(pool);
    CHECK_EQ(pool->workers(), 0u);
    static int ran_on;
    ran_on = 0;
    WaitGroup wg;
    pool->spawn_wg(wg, [] { ran_on = current_thread_id(); });
    wg.wait();
    CHECK_EQ(ran_on, current_thread_id());
    CHECK(pool->spawn([] { ran_on = -1; }));
    CHECK_EQ(ran_on, -1);
    auto unset = Pool::create(Pool::Options{.stack_size = SMALL_STACK});
    REQUIRE(unset);
    CHECK_EQ(unset->workers(), cpu_count());
}

TEST("destruction runs the queued tasks, then joins every worker") {
    // Joined threads of earlier cases may still be leaving the kernel's (or the emulator's)
    // task list: let the count settle first.
    int before = test::threads_now();
    for (int i = 0; i < 100; ++i) {
        sleep(10_ms);
        int again = test::threads_now();
        if (again == before) break;
        before = again;
    }
    CHECK(before >= 1);
    static int done;
    done = 0;
    {
        auto pool = Pool::create(Pool::Options{.workers = 2, .stack_size = SMALL_STACK});
        REQUIRE(pool);
        CHECK(test::threads_now() >= before + 2);
        for (int i = 0; i < 1000; ++i) {
            auto r = pool->spawn([] {
                for (int k = 0; k < 10; ++k) __atomic_fetch_add(&done, 1, __ATOMIC_RELAXED);
            });
            if (!r) break;
        }
    }
    CHECK_EQ(done, 10000);
    // Joined means the kernel has cleared the workers' tid words; their tasks leave the list
    // right after. Bounded wait.
    int after = test::threads_now();
    for (int i = 0; i < 500 && after > before; ++i) {
        sleep(10_ms);
        after = test::threads_now();
    }
    if (!CHECK(after <= before)) rt::eprint("# threads before {}, after {}\n", before, after);
}

TEST("the default pool has one worker per CPU") {
    auto pool = Pool::create();
    REQUIRE(pool);
    CHECK_EQ(pool->workers(), cpu_count());
    auto moved = rt::move(*pool);
    CHECK_EQ(moved.workers(), cpu_count());
    CHECK_EQ(pool->workers(), 0u);
}

TEST("several threads spawn into one pool at once: every task runs exactly once") {
    // Producers race for the queue's tail (and its blocks of 63 entries fill, empty and are
    // reused) while the workers take from its front.
    auto pool = Pool::create(Pool::Options{.workers = 3, .stack_size = SMALL_STACK});
    REQUIRE(pool);
    constexpr int PRODUCERS = 4, EACH = RUNS / PRODUCERS;
    clear_runs();
    WaitGroup wg;
    Pool* p = &*pool;
    Thread producers[PRODUCERS];
    for (int k = 0; k < PRODUCERS; ++k) {
        auto t = Thread::spawn(SpawnConfig{.stack_size = SMALL_STACK}, [p, &wg](int base) {
            for (int i = 0; i < EACH; ++i) p->spawn_wg(wg, count_run, base + i);
        }, k * EACH);
        REQUIRE(t);
        producers[k] = rt::move(*t);
    }
    for (auto& t : producers) t.join();
    wg.wait();
    CHECK_EQ(runs_not_once(RUNS), 0);
}

TEST("a task spawned while every worker sleeps is run (no lost wake-up)") {
    // Each gap is far longer than the workers look for work before they sleep (exec_spin_ns),
    // so every spawn finds them asleep or on their way there; a lost wake-up hangs wg.wait
    // (the test's timeout).
    auto pool = Pool::create(Pool::Options{.workers = 2, .stack_size = SMALL_STACK});
    REQUIRE(pool);
    static uint32_t ran;
    ran = 0;
    for (int i = 0; i < 40; ++i) {
        sleep(Duration::milliseconds(i % 4 == 0 ? 20 : 2));
        WaitGroup wg;
        pool->spawn_wg(wg, [] { __atomic_fetch_add(&ran, 1, __ATOMIC_RELAXED); });
        wg.wait();
    }
    CHECK_EQ(ran, 40u);
}

TEST("more workers than a queue can count fail with ThreadQuotaExceeded before any starts") {
    int before = test::threads_now();
    auto p = Pool::create(Pool::Options{.workers = Pool::MAX_WORKERS + 1, .stack_size = SMALL_STACK});
    REQUIRE(!p);
    CHECK(p.error() == SpawnError::ThreadQuotaExceeded);
    CHECK(test::threads_now() <= before); // threads of earlier cases may still be leaving
}

#if __SIZEOF_POINTER__ == 4
// Only a 32-bit size_t can overflow: workers * sizeof(Thread) wrapped to a small allocation and
// the Thread objects were written past it (SIGSEGV on mips and riscv32).
TEST("a worker count whose thread table cannot be represented fails with OutOfMemory") {
    auto p = Pool::create(Pool::Options{.workers = ~0u});
    REQUIRE(!p);
    CHECK(p.error() == SpawnError::OutOfMemory);
    auto q = Pool::create(Pool::Options{.workers = ~0u / 2 + 1});
    REQUIRE(!q);
    CHECK(q.error() == SpawnError::OutOfMemory);
}
#endif

namespace {
// Two workers held in tasks until *release is set, and one task queued behind them.
struct HeldPool {
    Expected<Pool, SpawnError> pool = Pool::create(Pool::Options{.workers = 2, .stack_size = SMALL_STACK});
    uint32_t release = 0, held = 0, queued_ran = 0;
    bool start() {
        if (!pool) return false;
        for (int i = 0; i < 2; ++i)
            if (!pool->spawn([this] {
                    __atomic_fetch_add(&held, 1, __ATOMIC_RELEASE);
                    while (__atomic_load_n(&release, __ATOMIC_ACQUIRE) == 0) sleep(1_ms);
                }))
                return false;
        while (__atomic_load_n(&held, __ATOMIC_ACQUIRE) < 2) sleep(1_ms);
        return bool(pool->spawn([this] { __atomic_fetch_add(&queued_ran, 1, __ATOMIC_RELAXED); }));
    }
    void finish() {
        __atomic_store_n(&release, 1, __ATOMIC_RELEASE);
        Pool gone = rt::move(*pool); // destroyed here: runs what is queued, joins
    }
};
} // namespace

TEST("fork: destroying the pool's copy in the child neither hangs nor panics, nor runs the parent's tasks") {
    HeldPool h;
    REQUIRE(h.start());
    auto st = test::in_child([&h] {
        { Pool mine = rt::move(*h.pool); }
        return h.queued_ran == 0 ? 0 : 1;
    });
    CHECK(st.exited());
    CHECK_EQ(st.exit_code(), 0);
    h.finish();
    CHECK_EQ(h.queued_ran, 1u); // in the parent it ran once
}

TEST("fork: the child's pool gets new workers at its first spawn and runs its own tasks") {
    HeldPool h;
    REQUIRE(h.start());
    char err[512];
    auto st = test::in_child_stderr([&h]() -> int {
        WaitGroup wg;
        uint32_t ran = 0;
        for (int i = 0; i < 100; ++i) h.pool->spawn_wg(wg, [&ran] { __atomic_fetch_add(&ran, 1, __ATOMIC_RELAXED); });
        wg.wait();
        if (ran != 100) return 1;
        if (h.pool->workers() != 2) return 2;
        return h.queued_ran == 0 ? 0 : 3;
    }, err, true);
    h.finish();
    CHECK_EQ(h.queued_ran, 1u);
    if (!(st.exited() && st.exit_code() == 0) && test::under_emulator() && test::qemu_fork_thread_abort(err)) {
        test::skip("QEMU user mode aborts a thread created in a child forked from a multithreaded process (plugins/core.c qemu_plugin_vcpu_init_hook)");
        return;
    }
    CHECK(st.exited());
    CHECK_EQ(st.exit_code(), 0);
}
