// rt/sync under real contention on every ABI, with rt threads: the hosted stress cases of
// tests/unit/sync_stress_test.cpp again, freestanding and under QEMU. Each can fail: lost
// updates, lost wake-ups, reader/writer overlap, too many permits, early waits, double runs.
#include "harness/tap.h"
#include "rt/sync/condition.h"
#include "rt/sync/mutex.h"
#include "rt/sync/once.h"
#include "rt/sync/reset_event.h"
#include "rt/sync/rw_lock.h"
#include "rt/sync/semaphore.h"
#include "rt/sync/wait_group.h"
#include "rt/thread/this_thread.h"
#include "rt/thread/thread.h"

using namespace rt;
using namespace rt::literals;

namespace {

constexpr int THREADS = 6;
constexpr SpawnConfig SMALL{.stack_size = 64 * 1024};

// Runs f(i) on THREADS threads and joins them; false if a spawn failed.
template <class F> bool run_threads(F f, int n = THREADS) {
    alignas(Thread) unsigned char storage[16][sizeof(Thread)];
    int started = 0;
    bool ok = true;
    for (int i = 0; i < n; ++i) {
        auto t = Thread::spawn(SMALL, f, i);
        if (!t) {
            ok = false;
            break;
        }
        ::new (storage[started++], rt::detail::PlacementTag{}) Thread(rt::move(*t));
    }
    for (int i = 0; i < started; ++i) {
        auto& t = *reinterpret_cast<Thread*>(storage[i]);
        t.join();
        t.~Thread();
    }
    return ok;
}

} // namespace

TEST("Mutex: no lost updates to a non-atomic counter") {
    static Mutex m;
    static long counter;
    counter = 0;
    constexpr int ITERS = 20000;
    REQUIRE(run_threads([](int) {
        for (int i = 0; i < ITERS; ++i) {
            LockGuard<Mutex> g(m);
            counter = counter + 1;
        }
    }));
    CHECK_EQ(counter, long{THREADS} * ITERS);
}

TEST("Condition: a bounded queue with signal loses no item and no wake-up") {
    static Mutex m;
    static Condition not_empty, not_full;
    static int queue[4], head, count;
    static long sum;
    head = count = 0;
    sum = 0;
    constexpr int ITEMS = 5000; // per producer; THREADS/2 producers and as many consumers
    REQUIRE(run_threads([](int me) {
        if (me % 2 == 0) {
            for (int i = 1; i <= ITEMS; ++i) {
                UniqueLock<Mutex> g(m);
                while (count == 4) not_full.wait(m);
                queue[(head + count++) % 4] = i;
                not_empty.signal();
            }
        } else {
            for (int i = 0; i < ITEMS; ++i) {
                UniqueLock<Mutex> g(m);
                while (count == 0) not_empty.wait(m);
                sum += queue[head];
                head = (head + 1) % 4;
                --count;
                not_full.signal();
            }
        }
    }));
    CHECK_EQ(sum, long{THREADS / 2} * ITEMS * (ITEMS + 1) / 2);
}

TEST("Condition: broadcast wakes every waiter") {
    static Mutex m;
    static Condition c;
    static bool go;
    static int waiting, woken;
    go = false;
    waiting = woken = 0;
    alignas(Thread) static unsigned char storage[THREADS][sizeof(Thread)];
    for (int i = 0; i < THREADS; ++i) {
        auto t = Thread::spawn(SMALL, [] {
            UniqueLock<Mutex> g(m);
            ++waiting;
            while (!go) c.wait(m);
            ++woken;
        });
        REQUIRE(t);
        ::new (storage[i], rt::detail::PlacementTag{}) Thread(rt::move(*t));
    }
    for (;;) {
        m.lock();
        bool all = waiting == THREADS;
        m.unlock();
        if (all) break;
        yield();
    }
    m.lock();
    go = true;
    c.broadcast();
    m.unlock();
    for (auto& s : storage) {
        reinterpret_cast<Thread*>(s)->join();
        reinterpret_cast<Thread*>(s)->~Thread();
    }
    CHECK_EQ(woken, THREADS);
}

TEST("RwLock: never a writer with a reader, never two writers") {
    static RwLock l;
    static int readers, writers, violations;
    static long a, b;
    readers = writers = violations = 0;
    a = b = 0;
    REQUIRE(run_threads([](int me) {
        for (int i = 0; i < 3000; ++i) {
            if ((i + me) % 10 == 0) {
                l.lock();
                if (__atomic_fetch_add(&writers, 1, __ATOMIC_RELAXED) != 0 || __atomic_load_n(&readers, __ATOMIC_RELAXED))
                    __atomic_fetch_add(&violations, 1, __ATOMIC_RELAXED);
                ++a;
                ++b;
                __atomic_fetch_sub(&writers, 1, __ATOMIC_RELAXED);
                l.unlock();
            } else {
                l.lock_shared();
                __atomic_fetch_add(&readers, 1, __ATOMIC_RELAXED);
                if (__atomic_load_n(&writers, __ATOMIC_RELAXED) || a != b) __atomic_fetch_add(&violations, 1, __ATOMIC_RELAXED);
                __atomic_fetch_sub(&readers, 1, __ATOMIC_RELAXED);
                l.unlock_shared();
            }
        }
    }));
    CHECK_EQ(violations, 0);
    CHECK_EQ(a, b);
}

TEST("Semaphore: never more holders than permits; every permit comes back") {
    static Semaphore s(2);
    static int inside, max_inside;
    inside = max_inside = 0;
    REQUIRE(run_threads([](int) {
        for (int i = 0; i < 2000; ++i) {
            s.wait();
            int now_in = __atomic_add_fetch(&inside, 1, __ATOMIC_RELAXED);
            int m = __atomic_load_n(&max_inside, __ATOMIC_RELAXED);
            while (now_in > m && !__atomic_compare_exchange_n(&max_inside, &m, now_in, true, __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
            }
            __atomic_fetch_sub(&inside, 1, __ATOMIC_RELAXED);
            s.post();
        }
    }));
    CHECK(max_inside >= 1 && max_inside <= 2);
    CHECK_EQ(s.permits(), 2u);
}

TEST("timed waits of the longest timeouts wait for the event, not time out at once") {
    // now + INT64_MAX overflowed: the deadline was in the past and the wait reported TimedOut
    // at once. A timeout too long for the clock saturates to "no timeout" (rt/core/duration.h).
    const Duration timeouts[] = {Duration::max(), Duration::nanoseconds(INT64_MAX - 1), Duration::nanoseconds(INT64_MAX / 2),
                                 Duration::nanoseconds(int64_t{1} << 62), Duration::seconds(INT64_MAX)};
    for (Duration ns : timeouts) {
        static Semaphore sem(0);
        static ResetEvent ev;
        static Mutex m;
        static Condition cv;
        static int flag;
        ev.reset();
        flag = 0;
        auto t = Thread::spawn(SMALL, [] {
            sleep(20_ms);
            sem.post();
            ev.set();
            m.lock();
            flag = 1;
            cv.broadcast();
            m.unlock();
        });
        REQUIRE(t);
        CHECK(sem.timed_wait(ns).has_value());
        CHECK(ev.timed_wait(ns).has_value());
        m.lock();
        bool cv_ok = true;
        while (flag == 0 && cv_ok) cv_ok = cv.timed_wait(m, ns).has_value();
        m.unlock();
        CHECK(cv_ok);
        t->join();
    }
}

TEST("WaitGroup: wait returns only after every task finished; ResetEvent releases all") {
    static WaitGroup wg;
    static ResetEvent start;
    static int done;
    done = 0;
    start.reset();
    wg.add(THREADS);
    alignas(Thread) static unsigned char storage[THREADS][sizeof(Thread)];
    for (int i = 0; i < THREADS; ++i) {
        auto t = Thread::spawn(SMALL, [] {
            start.wait();
            for (int k = 0; k < 20; ++k) yield();
            __atomic_fetch_add(&done, 1, __ATOMIC_RELAXED);
            wg.finish();
        });
        REQUIRE(t);
        ::new (storage[i], rt::detail::PlacementTag{}) Thread(rt::move(*t));
    }
    start.set();
    wg.wait();
    CHECK_EQ(__atomic_load_n(&done, __ATOMIC_RELAXED), THREADS);
    for (auto& s : storage) {
        reinterpret_cast<Thread*>(s)->join();
        reinterpret_cast<Thread*>(s)->~Thread();
    }
}

TEST("Once and function-local statics: one run however many threads race") {
    static Once once;
    static int runs, static_inits, seen_after;
    static ResetEvent go;
    runs = static_inits = seen_after = 0;
    go.reset();
    struct Slow {
        int v;
        Slow() : v(7) {
            ++static_inits;
            for (int k = 0; k < 100; ++k) yield();
        }
    };
    alignas(Thread) static unsigned char storage[THREADS][sizeof(Thread)];
    for (int i = 0; i < THREADS; ++i) {
        auto t = Thread::spawn(SMALL, [] {
            go.wait();
            once.call([] {
                for (int k = 0; k < 100; ++k) yield();
                ++runs;
            });
            if (runs == 1) __atomic_fetch_add(&seen_after, 1, __ATOMIC_RELAXED);
            static Slow s;
            (void)s.v;
        });
        REQUIRE(t);
        ::new (storage[i], rt::detail::PlacementTag{}) Thread(rt::move(*t));
    }
    go.set();
    for (auto& s : storage) {
        reinterpret_cast<Thread*>(s)->join();
        reinterpret_cast<Thread*>(s)->~Thread();
    }
    CHECK_EQ(runs, 1);
    CHECK_EQ(seen_after, THREADS);
    CHECK_EQ(static_inits, 1);
}

TEST("byte and halfword atomics: neighbours untouched, no lost updates across threads") {
    // One 32-bit word holds four byte counters; a halfword counter sits next to a guard
    // halfword. Compilers call __atomic_*_1/_2 for these on some ABIs (GCC on riscv, clang on
    // sparc32); the library versions work on the containing word and must not disturb the
    // bytes beside the one they change.
    alignas(8) static uint8_t bytes[4];
    alignas(8) static uint16_t halves[2];
    for (auto& b : bytes) b = 0;
    halves[0] = 0;
    halves[1] = 0xbeef;
    REQUIRE(run_threads([](int me) {
        for (int i = 0; i < 1000; ++i) {
            if (me < 4) __atomic_fetch_add(&bytes[me], 1, __ATOMIC_RELAXED);
            __atomic_fetch_add(&halves[0], 1, __ATOMIC_RELAXED);
        }
    }));
    for (int i = 0; i < 4; ++i) CHECK_EQ(static_cast<int>(bytes[i]), i < THREADS ? 1000 % 256 : 0);
    CHECK_EQ(static_cast<int>(halves[0]), THREADS * 1000 % 65536);
    CHECK_EQ(static_cast<int>(halves[1]), 0xbeef);
    uint8_t e = 232;
    CHECK(__atomic_compare_exchange_n(&bytes[2], &e, 7, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
    e = 232;
    CHECK(!__atomic_compare_exchange_n(&bytes[2], &e, 9, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
    CHECK_EQ(static_cast<int>(e), 7);
    CHECK_EQ(static_cast<int>(__atomic_exchange_n(&bytes[1], 3, __ATOMIC_SEQ_CST)), 232);
    CHECK_EQ(static_cast<int>(__atomic_fetch_nand(&bytes[3], 0xff, __ATOMIC_SEQ_CST)), 232);
    CHECK_EQ(static_cast<int>(bytes[3]), static_cast<uint8_t>(~232));
    CHECK_EQ(static_cast<int>(__atomic_fetch_sub(&halves[1], 0xbeef, __ATOMIC_SEQ_CST)), 0xbeef);
    CHECK_EQ(static_cast<int>(__atomic_fetch_or(&halves[1], 0x8001, __ATOMIC_SEQ_CST)), 0);
    CHECK_EQ(static_cast<int>(__atomic_fetch_xor(&halves[1], 1, __ATOMIC_SEQ_CST)), 0x8001);
    CHECK_EQ(static_cast<int>(__atomic_fetch_and(&halves[1], 0xff00, __ATOMIC_SEQ_CST)), 0x8000);
    CHECK_EQ(static_cast<int>(bytes[0]), 232);
}
