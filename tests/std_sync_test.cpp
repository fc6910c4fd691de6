// The standard library's waiting and thread-coordination types in a bedrock program, built as
// users build theirs (hosted C++, bedrock's pkg-config flags): std::atomic<T>::wait/notify,
// std::latch, std::barrier, std::counting_semaphore, std::stop_token, std::this_thread::get_id
// on rt::Threads, and the C library calls libstdc++'s headers make for them inline (syscall,
// errno, nanosleep, sched_yield, pthread_self; rt/libc, docs/cxx.md).
#include <atomic>
#include <barrier>
#include <cerrno>
#include <chrono>
#include <ctime>
#include <latch>
#include <semaphore>
#include <stop_token>
#include <sys/syscall.h>
#include <unistd.h>

#include "harness/tap.h"
#include "rt/sys/process.h"
#include "rt/sys/signal.h"
#include "rt/thread/thread.h"
#include "rt/thread/this_thread.h"

using namespace std::chrono_literals;

namespace {

using Clock = std::chrono::steady_clock;

template <class F> rt::Thread spawn(F f) {
    auto t = rt::Thread::spawn({}, static_cast<F&&>(f));
    if (!t) rt::panic("std_sync_test: rt::Thread::spawn failed");
    return static_cast<rt::Thread&&>(*t);
}

// A waiter that must stay blocked while the value is unchanged, then return once it is changed
// and notified. T's size selects libstdc++'s path: an int is waited on with the futex of its
// own address, any other type through the futex of a shared waiter-pool entry
// (bits/atomic_wait.h, __platform_wait_uses_type).
template <class T> bool wait_blocks_until_notified(T before, T after) {
    std::atomic<T> v{before};
    std::atomic<int> woke{0};
    auto t = spawn([&] {
        v.wait(before);
        woke.store(1);
    });
    rt::sleep(std::chrono::milliseconds(30)); // a std::chrono duration converts
    bool blocked = woke.load() == 0;
    v.store(after);
    v.notify_one();
    t.join();
    return blocked && woke.load() == 1;
}

// Two threads hand a counter back and forth ROUNDS times, each waiting for the other's value.
template <class T> bool ping_pong(int rounds) {
    std::atomic<T> turn{T(0)};
    auto other = spawn([&] {
        for (int i = 0; i < rounds; ++i) {
            turn.wait(T(2 * i));
            if (turn.load() != T(2 * i + 1)) return;
            turn.store(T(2 * i + 2));
            turn.notify_one();
        }
    });
    for (int i = 0; i < rounds; ++i) {
        turn.store(T(2 * i + 1));
        turn.notify_one();
        turn.wait(T(2 * i + 1));
    }
    other.join();
    return turn.load() == T(2 * rounds);
}

} // namespace

TEST("std::atomic wait blocks until the value changes and a notify comes") {
    CHECK(wait_blocks_until_notified<int>(0, 1));
    CHECK(wait_blocks_until_notified<unsigned>(7, 8));
    CHECK(wait_blocks_until_notified<bool>(false, true));
    CHECK(wait_blocks_until_notified<char>('a', 'b'));
    CHECK(wait_blocks_until_notified<short>(1, 2));
    CHECK(wait_blocks_until_notified<long long>(1ll << 40, (1ll << 40) + 1));
    int a = 0, b = 0;
    CHECK(wait_blocks_until_notified<int*>(&a, &b));
    // A wait for a value the object does not hold returns at once.
    std::atomic<int> v{5};
    v.wait(4);
    std::atomic<long long> w{5};
    w.wait(4);
}

TEST("std::atomic wait and notify_one: 2 000 ping-pong rounds, futex and waiter-pool paths") {
    CHECK(ping_pong<int>(2000));
    CHECK(ping_pong<long long>(2000));
    CHECK(ping_pong<unsigned char>(200));
}

TEST("std::atomic notify_all wakes every waiter; atomic_flag waits") {
    std::atomic<int> gate{0};
    std::atomic<int> through{0};
    rt::Thread ts[4];
    for (auto& t : ts) t = spawn([&] {
        gate.wait(0);
        through.fetch_add(1);
    });
    rt::sleep(rt::Duration::milliseconds(20));
    CHECK_EQ(through.load(), 0);
    gate.store(1);
    gate.notify_all();
    for (auto& t : ts) t.join();
    CHECK_EQ(through.load(), 4);

    std::atomic_flag flag;
    auto t = spawn([&] {
        flag.wait(false);
        through.fetch_add(1);
    });
    rt::sleep(rt::Duration::milliseconds(20));
    CHECK_EQ(through.load(), 4);
    flag.test_and_set();
    flag.notify_one();
    t.join();
    CHECK_EQ(through.load(), 5);
}

TEST("std::latch: wait returns after the last count_down, and not before") {
    constexpr int N = 4;
    std::latch done(N);
    std::atomic<int> before_wait_returned{0};
    rt::Thread ts[N];
    for (int i = 0; i < N; ++i)
        ts[i] = spawn([&, i] {
            rt::sleep(rt::Duration::milliseconds(5 * (i + 1)));
            before_wait_returned.fetch_add(1);
            done.count_down();
        });
    done.wait();
    CHECK_EQ(before_wait_returned.load(), N);
    CHECK(done.try_wait());
    for (auto& t : ts) t.join();
    std::latch zero(0);
    CHECK(zero.try_wait());
    zero.wait();
    std::latch two(2);
    CHECK(!two.try_wait());
    two.arrive_and_wait(2);
    CHECK(two.try_wait());
}

TEST("std::barrier: 4 threads through 400 phases, the completion once per phase") {
    constexpr int N = 4, PHASES = 200;
    static int phase_done;
    static int arrived_in_phase;
    phase_done = arrived_in_phase = 0;
    bool consistent = true;
    auto completion = [&]() noexcept {
        // Runs once per phase, after every thread arrived and before any continues.
        if (__atomic_load_n(&arrived_in_phase, __ATOMIC_RELAXED) != N) consistent = false;
        __atomic_store_n(&arrived_in_phase, 0, __ATOMIC_RELAXED);
        ++phase_done;
    };
    std::barrier sync(N, completion);
    std::atomic<int> mismatches{0};
    rt::Thread ts[N];
    for (auto& t : ts)
        t = spawn([&] {
            for (int p = 0; p < PHASES; ++p) {
                __atomic_fetch_add(&arrived_in_phase, 1, __ATOMIC_RELAXED);
                sync.arrive_and_wait();
                // No other thread can finish the next phase before this one arrives there.
                if (__atomic_load_n(&phase_done, __ATOMIC_RELAXED) != 2 * p + 1) mismatches.fetch_add(1);
                __atomic_fetch_add(&arrived_in_phase, 1, __ATOMIC_RELAXED);
                sync.arrive_and_wait();
            }
        });
    for (auto& t : ts) t.join();
    CHECK(consistent);
    CHECK_EQ(phase_done, 2 * PHASES);
    CHECK_EQ(mismatches.load(), 0);
}

TEST("std::counting_semaphore: acquire blocks until release; timed acquires time out") {
    std::counting_semaphore<8> slots(0);
    CHECK(!slots.try_acquire());
    auto t0 = Clock::now();
    CHECK(!slots.try_acquire_for(30ms));
    CHECK(Clock::now() - t0 >= 30ms);
    t0 = Clock::now();
    CHECK(!slots.try_acquire_until(std::chrono::system_clock::now() + 30ms));
    CHECK(Clock::now() - t0 >= 25ms); // the system clock's deadline, measured on the steady one
    slots.release(2);
    CHECK(slots.try_acquire());
    CHECK(slots.try_acquire_for(1s));
    CHECK(!slots.try_acquire());

    // A bounded producer/consumer: 3 000 items through 8 slots. One thread acquires each
    // semaphore: with two acquirers libstdc++ 12's semaphore can sleep with a permit available
    // (docs/cxx.md, "Known defects of libstdc++ 12"), a hang of its own header code.
    std::counting_semaphore<8> free_slots(8);
    std::counting_semaphore<8> filled(0);
    std::atomic<long> sum{0};
    std::atomic<int> in_flight{0}, max_in_flight{0};
    rt::Thread producers[1];
    for (auto& p : producers)
        p = spawn([&] {
            for (int i = 1; i <= 3000; ++i) {
                free_slots.acquire();
                int n = in_flight.fetch_add(1) + 1;
                int m = max_in_flight.load();
                while (n > m && !max_in_flight.compare_exchange_weak(m, n)) {}
                filled.release();
            }
        });
    for (int i = 0; i < 3000; ++i) {
        filled.acquire();
        in_flight.fetch_sub(1);
        sum.fetch_add(1);
        free_slots.release();
    }
    for (auto& p : producers) p.join();
    CHECK_EQ(sum.load(), 3000l);
    CHECK(max_in_flight.load() <= 8);
    std::binary_semaphore once(1);
    CHECK(once.try_acquire());
    CHECK(!once.try_acquire_for(1ms));
}

TEST("std::stop_token: callbacks run once, in the thread that requests the stop") {
    std::stop_source src;
    auto token = src.get_token();
    CHECK(token.stop_possible());
    CHECK(!token.stop_requested());
    std::atomic<int> ran{0};
    std::thread::id ran_on{};
    std::stop_callback cb(token, [&] {
        ran_on = std::this_thread::get_id();
        ran.fetch_add(1);
    });
    std::thread::id requester{};
    auto t = spawn([&] {
        requester = std::this_thread::get_id();
        CHECK(src.request_stop());
        CHECK(!src.request_stop());
    });
    t.join();
    CHECK_EQ(ran.load(), 1);
    CHECK(ran_on == requester);
    CHECK(requester != std::this_thread::get_id());
    CHECK(requester != std::thread::id{});
    CHECK(token.stop_requested());
    // Registered after the stop: runs at once, in the registering thread.
    std::stop_callback late(token, [&] {
        ran_on = std::this_thread::get_id();
        ran.fetch_add(1);
    });
    CHECK_EQ(ran.load(), 2);
    CHECK(ran_on == std::this_thread::get_id());

    // A callback being removed while another thread requests the stop: the destructor waits
    // for a callback that is running (libstdc++ uses a binary_semaphore for this).
    for (int round = 0; round < 50; ++round) {
        std::stop_source s;
        std::atomic<int> calls{0};
        auto* c = new std::stop_callback(s.get_token(), [&] { calls.fetch_add(1); });
        auto r = spawn([&] { s.request_stop(); });
        delete c;
        r.join();
        CHECK(calls.load() <= 1);
    }
}

TEST("std::this_thread::get_id is distinct per live thread and never the empty id") {
    constexpr int N = 8;
    std::thread::id ids[N];
    std::latch all_alive(N + 1);
    rt::Thread ts[N];
    for (int i = 0; i < N; ++i)
        ts[i] = spawn([&, i] {
            ids[i] = std::this_thread::get_id();
            all_alive.arrive_and_wait();
        });
    all_alive.arrive_and_wait();
    for (auto& t : ts) t.join();
    auto main_id = std::this_thread::get_id();
    for (int i = 0; i < N; ++i) {
        CHECK(ids[i] != std::thread::id{});
        CHECK(ids[i] != main_id);
        for (int j = 0; j < i; ++j) CHECK(ids[i] != ids[j]);
    }
}

TEST("syscall and errno as the C library declares them; errno is per thread") {
    CHECK_EQ(syscall(SYS_getpid), static_cast<long>(rt::sys::getpid()));
    errno = 0;
    CHECK_EQ(syscall(SYS_close, -1), -1l);
    CHECK_EQ(errno, EBADF);
    CHECK_EQ(syscall(SYS_gettid), static_cast<long>(rt::current_thread_id()));
    CHECK_EQ(syscall(SYS_dup3, 1, 1, 0), -1l);
    CHECK_EQ(errno, EINVAL);
    // The sixth argument reaches the kernel: FUTEX_WAIT_BITSET with a bitset of 0 is EINVAL,
    // with any other bitset EAGAIN (the word is not 1). kernel/futex/waitwake.c, futex_wait.
    int word = 0;
    constexpr int WAIT_BITSET_PRIVATE = 9 | 128;
    CHECK_EQ(syscall(SYS_futex, &word, WAIT_BITSET_PRIVATE, 1, nullptr, nullptr, 0), -1l);
    CHECK_EQ(errno, EINVAL);
    CHECK_EQ(syscall(SYS_futex, &word, WAIT_BITSET_PRIVATE, 1, nullptr, nullptr, ~0u), -1l);
    CHECK_EQ(errno, EAGAIN);
    int in_thread = -1;
    auto t = spawn([&] {
        in_thread = errno;
        (void)syscall(SYS_close, -1);
        in_thread = in_thread == 0 && errno == EBADF ? 1 : 0;
    });
    t.join();
    CHECK_EQ(in_thread, 1);
    CHECK_EQ(errno, EAGAIN); // the main thread's, from the last futex call
    CHECK_EQ(sched_yield(), 0);
}

namespace {
volatile int g_signals;
void on_usr1(int) { g_signals = g_signals + 1; }
} // namespace

TEST("nanosleep sleeps, rejects a bad time, and is interrupted by a signal handler") {
    timespec ts{0, 20'000'000};
    auto t0 = Clock::now();
    CHECK_EQ(nanosleep(&ts, nullptr), 0);
    CHECK(Clock::now() - t0 >= 20ms);
    timespec bad{0, 1'000'000'000};
    errno = 0;
    CHECK_EQ(nanosleep(&bad, nullptr), -1);
    CHECK_EQ(errno, EINVAL);
    timespec negative{-1, 0};
    CHECK_EQ(nanosleep(&negative, nullptr), -1);
    CHECK_EQ(errno, EINVAL);

    if (rt::test::skip_if_emulator_breaks_thread_signals()) return;
    namespace sys = rt::sys;
    sys::KernelSigaction old{};
    REQUIRE(sys::sigaction(sys::sig::USR1, reinterpret_cast<void*>(&on_usr1), 0, sys::SigSet{}, &old));
    g_signals = 0;
    int main_tid = rt::current_thread_id();
    std::atomic<int> returned{0};
    // Signals until the sleep has returned: one that lands before the sleep starts only runs the
    // handler, a later one interrupts it.
    auto sender = spawn([&] {
        while (returned.load() == 0) {
            rt::sleep(rt::Duration::milliseconds(20));
            (void)sys::tgkill(sys::getpid(), main_tid, sys::sig::USR1);
        }
    });
    timespec req{5, 0}, rem{-1, -1};
    errno = 0;
    int r = nanosleep(&req, &rem);
    int e = errno;
    returned.store(1);
    sender.join();
    CHECK_EQ(r, -1);
    CHECK_EQ(e, EINTR);
    CHECK(g_signals >= 1);
    CHECK(rem.tv_sec >= 0 && rem.tv_sec < 5);
    CHECK(rem.tv_nsec >= 0 && rem.tv_nsec < 1'000'000'000);
    CHECK(rem.tv_sec >= 4); // interrupted within the first second
    CHECK(sys::rt_sigaction(sys::sig::USR1, &old, nullptr));
}
