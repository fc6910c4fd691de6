// rt/sync under real contention (hosted, std::thread): the classic cases, each able to fail —
// lost updates, lost wake-ups, reader/writer exclusion, permit counting, once-only execution.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "rt/sync/condition.h"
#include "rt/sync/mutex.h"
#include "rt/sync/once.h"
#include "rt/sync/reset_event.h"
#include "rt/sync/rw_lock.h"
#include "rt/sync/semaphore.h"
#include "rt/sync/wait_group.h"

namespace {
constexpr int THREADS = 8;

template <class F> void run_threads(int n, F f) {
    std::vector<std::thread> ts;
    for (int i = 0; i < n; ++i) ts.emplace_back(f, i);
    for (auto& t : ts) t.join();
}
} // namespace

TEST_CASE("Mutex: no lost updates to a non-atomic counter") {
    rt::Mutex m;
    long counter = 0; // deliberately not atomic: only the mutex protects it
    constexpr int ITERS = 100000;
    run_threads(THREADS, [&](int) {
        for (int i = 0; i < ITERS; ++i) {
            rt::LockGuard<rt::Mutex> g(m);
            ++counter;
        }
    });
    REQUIRE(counter == long{THREADS} * ITERS);
}

TEST_CASE("Condition: signal hands items over one by one, broadcast wakes every waiter") {
    rt::Mutex m;
    rt::Condition c;
    int queue = 0, consumed = 0;
    constexpr int ITEMS = 20000;
    std::thread consumer([&] {
        for (int i = 0; i < ITEMS; ++i) {
            rt::UniqueLock<rt::Mutex> l(m);
            while (queue == 0) c.wait(m);
            --queue;
            ++consumed;
        }
    });
    for (int i = 0; i < ITEMS; ++i) {
        rt::LockGuard<rt::Mutex> g(m);
        ++queue;
        c.signal();
    }
    consumer.join();
    REQUIRE(consumed == ITEMS);

    bool go = false;
    std::atomic<int> woken{0};
    std::vector<std::thread> waiters;
    for (int i = 0; i < THREADS; ++i)
        waiters.emplace_back([&] {
            rt::UniqueLock<rt::Mutex> l(m);
            while (!go) c.wait(m);
            woken.fetch_add(1);
        });
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    {
        rt::LockGuard<rt::Mutex> g(m);
        go = true;
        c.broadcast();
    }
    for (auto& t : waiters) t.join();
    REQUIRE(woken.load() == THREADS);
}

TEST_CASE("RwLock: never a writer with a reader, never two writers; writers get in") {
    rt::RwLock l;
    std::atomic<int> readers{0}, writers{0}, violations{0};
    std::atomic<long> writes{0};
    run_threads(THREADS, [&](int id) {
        for (int i = 0; i < 20000; ++i) {
            if ((i + id) % 8 == 0) {
                l.lock();
                if (writers.fetch_add(1) != 0 || readers.load() != 0) violations.fetch_add(1);
                writes.fetch_add(1);
                writers.fetch_sub(1);
                l.unlock();
            } else {
                l.lock_shared();
                readers.fetch_add(1);
                if (writers.load() != 0) violations.fetch_add(1);
                readers.fetch_sub(1);
                l.unlock_shared();
            }
        }
    });
    REQUIRE(violations.load() == 0);
    REQUIRE(writes.load() == THREADS * 20000 / 8);
}

TEST_CASE("Semaphore: at most N holders, every permit accounted for") {
    rt::Semaphore s(3);
    std::atomic<int> inside{0}, max_inside{0};
    run_threads(THREADS, [&](int) {
        for (int i = 0; i < 5000; ++i) {
            s.wait();
            int now = inside.fetch_add(1) + 1;
            int m = max_inside.load();
            while (now > m && !max_inside.compare_exchange_weak(m, now)) {
            }
            inside.fetch_sub(1);
            s.post();
        }
    });
    REQUIRE(max_inside.load() <= 3);
    REQUIRE(s.permits() == 3);
}

TEST_CASE("ResetEvent and WaitGroup release every waiter") {
    rt::ResetEvent e;
    rt::WaitGroup wg;
    std::atomic<int> passed{0};
    wg.add(THREADS);
    std::vector<std::thread> ts;
    for (int i = 0; i < THREADS; ++i)
        ts.emplace_back([&] {
            e.wait();
            passed.fetch_add(1);
            wg.finish();
        });
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    REQUIRE(passed.load() == 0);
    e.set();
    wg.wait();
    REQUIRE(passed.load() == THREADS);
    for (auto& t : ts) t.join();
}

TEST_CASE("Once: many threads at once, one call, everyone sees its effect") {
    for (int round = 0; round < 50; ++round) {
        rt::Once once;
        std::atomic<int> calls{0};
        int value = 0;
        std::atomic<int> saw_value{0};
        run_threads(THREADS, [&](int) {
            once.call([&] {
                std::this_thread::sleep_for(std::chrono::microseconds(200));
                value = 42;
                calls.fetch_add(1);
            });
            if (value == 42) saw_value.fetch_add(1);
        });
        REQUIRE(calls.load() == 1);
        REQUIRE(saw_value.load() == THREADS);
    }
}

TEST_CASE("Timed waits time out, and a post/set/signal before the deadline ends them early") {
    rt::Semaphore s;
    auto t0 = std::chrono::steady_clock::now();
    REQUIRE_FALSE(s.timed_wait(std::chrono::milliseconds(5)));
    REQUIRE(std::chrono::steady_clock::now() - t0 >= std::chrono::milliseconds(5));
    std::thread poster([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        s.post();
    });
    t0 = std::chrono::steady_clock::now();
    REQUIRE(s.timed_wait(std::chrono::seconds(10)).has_value());
    REQUIRE(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(5));
    poster.join();

    rt::Mutex m;
    rt::Condition c;
    bool flag = false;
    std::thread signaler([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        rt::LockGuard<rt::Mutex> g(m);
        flag = true;
        c.signal();
    });
    {
        rt::UniqueLock<rt::Mutex> l(m);
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (!flag && std::chrono::steady_clock::now() < deadline) (void)c.timed_wait(m, std::chrono::seconds(1));
        REQUIRE(flag);
    }
    signaler.join();
}
