// bedrock side of bench/suite.py's sync rows: the workloads of bench/ref/sync_pthread.c (which
// is built against glibc and musl) on rt::Thread, rt/sync and rt::alloc, in a bedrock program.
// Usage: sync_rt CASE N; prints nanoseconds per operation; exits 1 when a result is wrong.
#include "args.h"
#include "rt/io/print.h"
#include "rt/mem/alloc.h"
#include "rt/start/process.h"
#include "rt/sync/condition.h"
#include "rt/sync/mutex.h"
#include "rt/sync/rw_lock.h"
#include "rt/sync/semaphore.h"
#include "rt/thread/thread.h"
#include "rt/time/clock.h"

namespace {
using bench::parse;
using bench::streq;

long g_n;
rt::Mutex g_mutex;
rt::Condition g_cond;
rt::RwLock g_rwlock;
rt::Semaphore g_sem_a, g_sem_b;
volatile long g_counter;
long g_word_a, g_word_b, g_torn, g_bad;
int g_turn;

uint32_t xorshift(uint32_t& s) {
    s ^= s << 13;
    s ^= s >> 17;
    s ^= s << 5;
    return s;
}

void contend(int) {
    for (long i = 0; i < g_n; ++i) {
        g_mutex.lock();
        g_counter = g_counter + 1;
        g_mutex.unlock();
    }
}

void ping_pong(int me) {
    for (long i = 0; i < g_n; ++i) {
        g_mutex.lock();
        while (g_turn != me) g_cond.wait(g_mutex);
        g_turn = 1 - me;
        g_cond.signal();
        g_mutex.unlock();
    }
}

void sem_ping_pong(int me) {
    for (long i = 0; i < g_n; ++i) {
        if (me == 0) {
            g_sem_a.post();
            g_sem_b.wait();
        } else {
            g_sem_a.wait();
            g_sem_b.post();
        }
    }
}

void read_mostly(int) {
    for (long i = 0; i < g_n; ++i) {
        if (i % 100 == 0) {
            g_rwlock.lock();
            ++g_word_a;
            ++g_word_b;
            g_rwlock.unlock();
        } else {
            g_rwlock.lock_shared();
            if (g_word_a != g_word_b) __atomic_fetch_add(&g_torn, 1, __ATOMIC_RELAXED);
            g_rwlock.unlock_shared();
        }
    }
}

void churn(int t) {
    constexpr int LIVE = 512;
    char* live[LIVE] = {};
    uint32_t seed = 0x9e3779b9u * static_cast<uint32_t>(t + 1);
    for (long i = 0; i < g_n; ++i) {
        uint32_t r = xorshift(seed);
        int slot = static_cast<int>(r % LIVE);
        if (live[slot]) {
            if (live[slot][0] != static_cast<char>(slot)) __atomic_fetch_add(&g_bad, 1, __ATOMIC_RELAXED);
            rt::free(live[slot]);
        }
        live[slot] = static_cast<char*>(rt::alloc(16 + (r >> 16) % 497));
        if (!live[slot]) rt::exit(1);
        live[slot][0] = static_cast<char>(slot);
    }
    for (auto p : live) rt::free(p);
}

// Threads as the reference's pthread_create: default configuration.
void run_threads(int n, void (*fn)(int)) {
    rt::Thread t[4];
    for (int i = 0; i < n; ++i) {
        auto s = rt::Thread::spawn(fn, i);
        if (!s) rt::exit(1);
        t[i] = static_cast<rt::Thread&&>(*s);
    }
    for (int i = 0; i < n; ++i) t[i].join();
}

} // namespace

int main(int argc, char** argv, char**) {
    if (argc != 3) {
        rt::eprint("usage: sync_rt CASE N\n");
        return 2;
    }
    const char* c = argv[1];
    g_n = parse(argv[2]);
    long total = g_n;
    int64_t t0 = rt::now(rt::Clock::Monotonic);
    if (streq(c, "mutex")) {
        contend(0);
        if (g_counter != g_n) return 1;
    } else if (streq(c, "mutex2") || streq(c, "mutex4")) {
        int threads = c[5] - '0';
        run_threads(threads, contend);
        total = g_n * threads;
        if (g_counter != total) return 1;
    } else if (streq(c, "cond")) {
        run_threads(2, ping_pong);
    } else if (streq(c, "sem")) {
        run_threads(2, sem_ping_pong);
    } else if (streq(c, "rwlock4")) {
        run_threads(4, read_mostly);
        total = 4 * g_n;
        if (g_torn != 0) return 1;
    } else if (streq(c, "alloc")) {
        uint32_t seed = 12345;
        for (long i = 0; i < g_n; ++i) {
            auto p = static_cast<char*>(rt::alloc(8 + (xorshift(seed) & 0xf8)));
            if (!p) return 1;
            p[0] = static_cast<char>(i);
            asm volatile("" : : "r"(p) : "memory");
            rt::free(p);
        }
    } else if (streq(c, "churn1") || streq(c, "churn4")) {
        int threads = c[5] - '0';
        run_threads(threads, churn);
        total = g_n * threads;
        if (g_bad != 0) return 1;
    } else {
        rt::eprint("sync_rt: unknown case {}\n", c);
        return 2;
    }
    int64_t hundredths = (rt::now(rt::Clock::Monotonic) - t0) * 100 / total;
    rt::print("{}.{}{}\n", hundredths / 100, hundredths / 10 % 10, hundredths % 10);
    return 0;
}
