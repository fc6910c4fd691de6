// rt/sync and rt::alloc against glibc (pthread_mutex, pthread_cond, pthread_rwlock, sem_t,
// malloc), measured side by side in one process on the same threads. Hosted: rt's sources are
// compiled into this program (as in the Catch2 tests) so that both sides run under identical
// conditions; the thread layer is glibc's for both.
//
// Every case runs the same work on both sides, alternating, ROUNDS times; the medians are
// compared. Output, one line per case:
//   BENCH <case> rt=<ns per op> glibc=<ns per op> ratio=<rt/glibc time> goal=<...> met|missed
// A ratio below 1 means rt is faster. Nothing is asserted: the numbers are for people.
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "rt/mem/alloc.h"
#include "rt/sync/condition.h"
#include "rt/sync/mutex.h"
#include "rt/sync/rw_lock.h"
#include "rt/sync/semaphore.h"

namespace {

int g_rounds = 7;
double g_scale = 1.0; // --quick shrinks every workload

long scaled(long n) { return std::max(1L, static_cast<long>(n * g_scale)); }

double now_ns() {
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

template <class F> double time_ns(F&& f) {
    double t0 = now_ns();
    f();
    return now_ns() - t0;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

int g_missed = 0;
const char* g_only = nullptr; // --only <text>: just the cases whose name contains it

// Runs both sides alternately; `ops` is the number of operations one run performs.
// goal_max: the time ratio the issue asks for (rt/glibc <= goal_max); 0: none, report only.
template <class R, class G> void compare(const char* name, long ops, double goal_max, R rt_side, G glibc_side) {
    if (g_only && !strstr(name, g_only)) return;
    std::vector<double> a, b;
    rt_side(); // warm-up: page faults, lazily created spans, thread stacks
    glibc_side();
    for (int i = 0; i < g_rounds; ++i) {
        a.push_back(time_ns(rt_side));
        b.push_back(time_ns(glibc_side));
    }
    double ra = median(a) / ops, rb = median(b) / ops, ratio = ra / rb;
    if (goal_max <= 0) {
        printf("BENCH %-34s rt=%8.2f glibc=%8.2f ratio=%5.3f (no goal)\n", name, ra, rb, ratio);
    } else {
        bool met = ratio <= goal_max;
        if (!met) ++g_missed;
        printf("BENCH %-34s rt=%8.2f glibc=%8.2f ratio=%5.3f goal<=%4.2f %s\n", name, ra, rb, ratio, goal_max,
               met ? "met" : "missed");
    }
    fflush(stdout);
}

template <class F> void run_threads(int n, F f) {
    std::vector<std::thread> ts;
    for (int i = 0; i < n; ++i) ts.emplace_back(f, i);
    for (auto& t : ts) t.join();
}

// ---- locks behind one interface ----
struct RtMutex {
    rt::Mutex m;
    void lock() { m.lock(); }
    void unlock() { m.unlock(); }
};
struct PtMutex {
    pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
    void lock() { pthread_mutex_lock(&m); }
    void unlock() { pthread_mutex_unlock(&m); }
};

template <class M> void uncontended(M& m, long n) {
    static volatile long counter;
    for (long i = 0; i < n; ++i) {
        m.lock();
        counter = counter + 1;
        m.unlock();
    }
}

template <class M> void contended(M& m, int threads, long n_each) {
    long counter = 0;
    run_threads(threads, [&](int) {
        for (long i = 0; i < n_each; ++i) {
            m.lock();
            counter = counter + 1;
            m.unlock();
        }
    });
    if (counter != threads * n_each) {
        fprintf(stderr, "lost updates: %ld != %ld\n", counter, threads * n_each);
        exit(1);
    }
}

// Two threads hand a turn back and forth through a mutex and a condition variable.
struct RtCond {
    rt::Mutex m;
    rt::Condition c;
    void lock() { m.lock(); }
    void unlock() { m.unlock(); }
    void wait() { c.wait(m); }
    void signal() { c.signal(); }
};
struct PtCond {
    pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
    pthread_cond_t c = PTHREAD_COND_INITIALIZER;
    void lock() { pthread_mutex_lock(&m); }
    void unlock() { pthread_mutex_unlock(&m); }
    void wait() { pthread_cond_wait(&c, &m); }
    void signal() { pthread_cond_signal(&c); }
};
template <class C> void ping_pong(long rounds) {
    C c;
    int turn = 0;
    run_threads(2, [&](int me) {
        for (long i = 0; i < rounds; ++i) {
            c.lock();
            while (turn != me) c.wait();
            turn = 1 - me;
            c.signal();
            c.unlock();
        }
    });
}

struct RtSem {
    rt::Semaphore s{0};
    void post() { s.post(); }
    void wait() { s.wait(); }
};
struct PtSem {
    sem_t s;
    PtSem() { sem_init(&s, 0, 0); }
    ~PtSem() { sem_destroy(&s); }
    void post() { sem_post(&s); }
    void wait() { sem_wait(&s); }
};
template <class S> void sem_ping_pong(long rounds) {
    S a, b;
    run_threads(2, [&](int me) {
        for (long i = 0; i < rounds; ++i) {
            if (me == 0) {
                a.post();
                b.wait();
            } else {
                a.wait();
                b.post();
            }
        }
    });
}

struct RtRw {
    rt::RwLock l;
    void lock() { l.lock(); }
    void unlock() { l.unlock(); }
    void lock_shared() { l.lock_shared(); }
    void unlock_shared() { l.unlock_shared(); }
};
struct PtRw {
    pthread_rwlock_t l = PTHREAD_RWLOCK_INITIALIZER;
    void lock() { pthread_rwlock_wrlock(&l); }
    void unlock() { pthread_rwlock_unlock(&l); }
    void lock_shared() { pthread_rwlock_rdlock(&l); }
    void unlock_shared() { pthread_rwlock_unlock(&l); }
};
// 4 threads; one operation in 100 writes. Readers check that the two words agree.
template <class L> void read_mostly(int threads, long n_each) {
    L l;
    long a = 0, b = 0;
    std::atomic<long> torn{0};
    run_threads(threads, [&](int) {
        for (long i = 0; i < n_each; ++i) {
            if (i % 100 == 0) {
                l.lock();
                ++a;
                ++b;
                l.unlock();
            } else {
                l.lock_shared();
                if (a != b) torn.fetch_add(1, std::memory_order_relaxed);
                l.unlock_shared();
            }
        }
    });
    if (torn.load() != 0) {
        fprintf(stderr, "reader saw a torn write\n");
        exit(1);
    }
}

// ---- allocators ----
struct RtAlloc {
    static void* alloc(size_t n) { return rt::alloc(n); }
    static void free(void* p) { rt::free(p); }
};
struct Glibc {
    static void* alloc(size_t n) { return ::malloc(n); }
    static void free(void* p) { ::free(p); }
};

uint32_t xorshift(uint32_t& s) {
    s ^= s << 13;
    s ^= s >> 17;
    s ^= s << 5;
    return s;
}

// Pairs of alloc/free of sizes 8..256, one after the other (the allocator's hottest path).
template <class A> void alloc_pairs(long n) {
    uint32_t seed = 12345;
    for (long i = 0; i < n; ++i) {
        size_t size = 8 + (xorshift(seed) & 0xf8);
        auto p = static_cast<char*>(A::alloc(size));
        p[0] = static_cast<char>(i);
        asm volatile("" : : "r"(p) : "memory");
        A::free(p);
    }
}

// Each thread keeps 512 live blocks of 16..512 bytes and replaces one at random per step;
// blocks are written when allocated and checked before they are freed.
template <class A> void churn(int threads, long steps_each) {
    std::atomic<long> bad{0};
    run_threads(threads, [&](int t) {
        constexpr int LIVE = 512;
        char* live[LIVE] = {};
        uint32_t seed = 0x9e3779b9u * (t + 1);
        for (long i = 0; i < steps_each; ++i) {
            uint32_t r = xorshift(seed);
            int slot = r % LIVE;
            if (live[slot]) {
                if (live[slot][0] != static_cast<char>(slot)) bad.fetch_add(1);
                A::free(live[slot]);
            }
            size_t size = 16 + (r >> 16) % 497;
            live[slot] = static_cast<char*>(A::alloc(size));
            live[slot][0] = static_cast<char>(slot);
        }
        for (auto p : live)
            if (p) A::free(p);
    });
    if (bad.load()) {
        fprintf(stderr, "allocator churn: corrupted blocks\n");
        exit(1);
    }
}

} // namespace

int main(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        if (!strcmp(argv[i], "--quick")) {
            g_scale = 0.05;
            g_rounds = 3;
        } else if (!strcmp(argv[i], "--only") && i + 1 < argc) {
            g_only = argv[++i];
        }
    }
    unsigned cpus = std::thread::hardware_concurrency();
    printf("# rt/sync and rt::alloc vs glibc; %u CPUs; median of %d alternating rounds; ns per operation\n", cpus,
           g_rounds);

    {
        long n = scaled(20'000'000);
        RtMutex r;
        PtMutex g;
        compare("mutex uncontended lock+unlock", n, 1.0, [&] { uncontended(r, n); }, [&] { uncontended(g, n); });
    }
    for (int threads : {2, 4}) {
        long n = scaled(2'000'000);
        RtMutex r;
        PtMutex g;
        char name[64];
        snprintf(name, sizeof name, "mutex contended, %d threads", threads);
        compare(name, n * threads, 1.0, [&] { contended(r, threads, n); }, [&] { contended(g, threads, n); });
    }
    {
        long n = scaled(20'000);
        compare("condition ping-pong round trip", n, 1.0, [&] { ping_pong<RtCond>(n); },
                [&] { ping_pong<PtCond>(n); });
    }
    {
        long n = scaled(20'000);
        compare("semaphore ping-pong round trip", n, 0, [&] { sem_ping_pong<RtSem>(n); },
                [&] { sem_ping_pong<PtSem>(n); });
    }
    {
        long n = scaled(2'000'000);
        compare("rwlock read-mostly, 4 threads", 4 * n, 0, [&] { read_mostly<RtRw>(4, n); },
                [&] { read_mostly<PtRw>(4, n); });
    }
    {
        long n = scaled(20'000'000);
        compare("alloc+free pairs, 1 thread", n, 1.0, [&] { alloc_pairs<RtAlloc>(n); },
                [&] { alloc_pairs<Glibc>(n); });
    }
    {
        long n = scaled(2'000'000);
        compare("alloc churn, 1 thread", n, 1.0, [&] { churn<RtAlloc>(1, n); }, [&] { churn<Glibc>(1, n); });
        // Goal: throughput >= 1.5x glibc's, i.e. time ratio <= 1/1.5.
        compare("alloc churn, 4 threads", 4 * n, 1 / 1.5, [&] { churn<RtAlloc>(4, n); },
                [&] { churn<Glibc>(4, n); });
    }
    printf("# %d goal(s) missed\n", g_missed);
    return 0;
}
