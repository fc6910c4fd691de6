// rt::Executor, rt::Group, select and cancellation on every ABI: results, many tiny tasks,
// nested tasks, limits, cancellation of tasks blocked in each kind of cancelable wait, and an
// executor that leaves no thread, mapping or signal handler behind.
#include "harness/child.h"
#include "harness/proc.h"
#include "harness/tap.h"
#include "rt/exec/executor.h"
#include "rt/sync/condition.h"
#include "rt/exec/group.h"
#include "rt/io/print.h"
#include "rt/sync/cancel_points.h"
#include "rt/sync/semaphore.h"
#include "rt/sys/fd.h"
#include "rt/sys/mem.h"
#include "rt/sys/resource.h"
#include "rt/sys/signal.h"
#include "rt/thread/this_thread.h"
#include "rt/time/clock.h"
#include "uapi.h"

using namespace rt;
using namespace rt::literals;

namespace {

constexpr size_t SMALL_STACK = 64 * 1024;
constexpr Duration HOUR = Duration::seconds(3600);
// A canceled wait must end long before the hour it was asked for; this bound only tells a
// prompt cancel from none at all (slow emulators included).
constexpr int64_t PROMPT = 60LL * 1'000'000'000;

Executor::Options small(unsigned async_limit = 3) {
    return Executor::Options{.async_limit = async_limit, .stack_size = SMALL_STACK};
}

// Counts its live instances: results are moved, not copied, and destroyed once.
struct Counted {
    static inline int live = 0;
    int v;
    explicit Counted(int x) : v(x) { ++live; }
    Counted(Counted&& o) : v(o.v) {
        o.v = -1;
        ++live;
    }
    Counted(const Counted&) = delete;
    ~Counted() { --live; }
};

long fib(Executor* ex, int n) {
    if (n < 2) return n;
    auto a = ex->async(fib, ex, n - 1);
    long b = fib(ex, n - 2);
    return a.await() + b;
}

// Waits until *flag is nonzero (a task has reached its wait).
void wait_flag(const uint32_t* flag) {
    while (__atomic_load_n(flag, __ATOMIC_ACQUIRE) == 0) sleep(1_ms);
}

} // namespace

TEST("async results arrive in their futures, awaited in any order") {
    Executor ex(small());
    Future<long> f[40];
    for (int i = 0; i < 40; ++i) f[i] = ex.async([](long k) { return k * k; }, i);
    bool ok = true;
    for (int i = 39; i >= 0; --i) ok &= f[i].await() == long{i} * i;
    CHECK(ok);
    // A void task, and a move-only result moved out once.
    static uint32_t ran;
    ran = 0;
    auto v = ex.async([] { __atomic_store_n(&ran, 1, __ATOMIC_RELEASE); });
    v.await();
    CHECK_EQ(__atomic_load_n(&ran, __ATOMIC_ACQUIRE), 1u);
    {
        auto c = ex.async([](int x) { return Counted(x); }, 7);
        Counted got = c.await();
        CHECK_EQ(got.v, 7);
        CHECK_EQ(Counted::live, 1);
    }
    CHECK_EQ(Counted::live, 0);
}

TEST("100 000 tiny tasks in a group each run once, some on workers") {
    Executor ex(small(2));
    static uint32_t runs[100000];
    static uint32_t elsewhere;
    elsewhere = 0;
    int me = current_thread_id();
    {
        Group g(ex);
        for (int i = 0; i < 100000; ++i)
            g.async([me](int k) {
                __atomic_fetch_add(&runs[k], 1, __ATOMIC_RELAXED);
                if (current_thread_id() != me) __atomic_fetch_add(&elsewhere, 1, __ATOMIC_RELAXED);
            }, i);
        g.wait();
    }
    int wrong = 0;
    for (auto r : runs) wrong += r != 1;
    CHECK_EQ(wrong, 0);
    CHECK(__atomic_load_n(&elsewhere, __ATOMIC_RELAXED) > 0);
    CHECK(ex.workers() >= 1u && ex.workers() <= 2u);
}

TEST("20 000 tiny futures each return their value") {
    Executor ex(small(2));
    long long sum = 0; // 1 999 900 000 000: more than a 32-bit long holds
    for (int i = 0; i < 20000; ++i) sum += ex.async([](int k) { return k * 10000LL; }, i).await();
    CHECK_EQ(sum, 10000LL * 20000 * 19999 / 2);
}

TEST("nested async: tasks start and await tasks") {
    Executor ex(small(3));
    CHECK_EQ(fib(&ex, 18), 2584L);
}

TEST("limits: async beyond async_limit runs inline, concurrent beyond its limit is unavailable") {
    Executor ex(Executor::Options{.async_limit = 0, .concurrent_limit = 2, .stack_size = SMALL_STACK});
    int me = current_thread_id();
    CHECK_EQ(ex.async([] { return current_thread_id(); }).await(), me);
    CHECK_EQ(ex.workers(), 0u);
    ResetEvent release;
    static uint32_t started;
    started = 0;
    auto task = [&release] {
        __atomic_fetch_add(&started, 1, __ATOMIC_RELEASE);
        release.wait();
        return current_thread_id();
    };
    auto a = ex.concurrent(task);
    auto b = ex.concurrent(task);
    REQUIRE(a && b);
    // Both run at once, each on its own worker.
    while (__atomic_load_n(&started, __ATOMIC_ACQUIRE) < 2) sleep(1_ms);
    auto c = ex.concurrent([] { return 0; });
    CHECK(!c && c.error() == ConcurrentError::ConcurrencyUnavailable);
    release.set();
    int ta = a->await(), tb = b->await();
    if (!CHECK(ta != me && tb != me && ta != tb)) eprint("# me {} a {} b {}\n", me, ta, tb);
    CHECK_EQ(ex.workers(), 2u);
    // Capacity comes back once the tasks are done.
    auto d = ex.concurrent([] { return 5; });
    REQUIRE(d);
    CHECK_EQ(d->await(), 5);
    CHECK_EQ(ex.workers(), 2u);
    // The default async limit: one worker fewer than CPUs.
    Executor dflt;
    CHECK_EQ(dflt.async_limit(), cpu_count() - 1);
}

TEST("group wait sees every task; group cancel ends tasks blocked in sleep(1 h)") {
    if (test::skip_if_emulator_breaks_thread_signals()) return; // the cancel signal
    Executor ex(small());
    static uint32_t done_count, canceled_count, started;
    done_count = canceled_count = started = 0;
    Group g(ex);
    for (int i = 0; i < 6; ++i)
        (void)g.concurrent([] { __atomic_fetch_add(&done_count, 1, __ATOMIC_RELAXED); });
    g.wait();
    CHECK_EQ(__atomic_load_n(&done_count, __ATOMIC_RELAXED), 6u);
    for (int i = 0; i < 4; ++i) {
        auto r = g.concurrent([] {
            __atomic_fetch_add(&started, 1, __ATOMIC_RELEASE);
            if (!sleep_cancelable(HOUR)) __atomic_fetch_add(&canceled_count, 1, __ATOMIC_RELAXED);
        });
        CHECK(r.has_value());
    }
    while (__atomic_load_n(&started, __ATOMIC_ACQUIRE) < 4) sleep(1_ms);
    int64_t t0 = now(Clock::Monotonic);
    g.cancel();
    CHECK(now(Clock::Monotonic) - t0 < PROMPT);
    CHECK_EQ(__atomic_load_n(&canceled_count, __ATOMIC_RELAXED), 4u);
}

// One case per kind of wait, so that a failed REQUIRE in one leaves the others reported.
namespace {
uint32_t g_ready;
} // namespace

TEST("cancel ends a task blocked in sleep_cancelable(1 h)") {
    if (test::skip_if_emulator_breaks_thread_signals()) return; // the cancel signal
    Executor ex(small());
    int64_t t0 = now(Clock::Monotonic);
    g_ready = 0;
    auto sleeper = ex.concurrent([] {
        __atomic_store_n(&g_ready, 1, __ATOMIC_RELEASE);
        return !sleep_cancelable(HOUR) && cancel_requested();
    });
    REQUIRE(sleeper);
    wait_flag(&g_ready);
    CHECK(sleeper->cancel());
    CHECK(now(Clock::Monotonic) - t0 < PROMPT);
}

TEST("cancel ends a task blocked in Condition::wait_cancelable; it holds the mutex again") {
    if (test::skip_if_emulator_breaks_thread_signals()) return; // the cancel signal
    Executor ex(small());
    int64_t t0 = now(Clock::Monotonic);
    Mutex m;
    Condition cv;
    g_ready = 0;
    auto cond = ex.concurrent([&] {
        m.lock();
        __atomic_store_n(&g_ready, 1, __ATOMIC_RELEASE);
        bool canceled = false;
        for (;;) { // a predicate that never holds
            if (!cv.wait_cancelable(m)) {
                canceled = true;
                break;
            }
        }
        bool held = !m.try_lock(); // the mutex is ours again
        m.unlock();
        return canceled && held;
    });
    REQUIRE(cond);
    wait_flag(&g_ready);
    CHECK(cond->cancel());
    CHECK(now(Clock::Monotonic) - t0 < PROMPT);
}

TEST("cancel ends a task blocked in read_cancelable on a pipe; nothing is consumed") {
    if (test::skip_if_emulator_breaks_thread_signals()) return; // the cancel signal
    Executor ex(small());
    int64_t t0 = now(Clock::Monotonic);
    int fds[2];
    REQUIRE(sys::pipe2(fds, sys::o::CLOEXEC));
    g_ready = 0;
    auto reader = ex.concurrent([fd = fds[0]] {
        char c;
        __atomic_store_n(&g_ready, 1, __ATOMIC_RELEASE);
        auto r = read_cancelable(fd, &c, 1);
        return !r && r.error() == Errno::CANCELED;
    });
    REQUIRE(reader);
    wait_flag(&g_ready);
    CHECK(reader->cancel());
    // The descriptor still works: nothing was consumed, nothing lost.
    REQUIRE(sys::write(fds[1], "x", 1));
    auto later = ex.async([fd = fds[0]] {
        char c = 0;
        auto r = read_cancelable(fd, &c, 1);
        return r && *r == 1 && c == 'x';
    });
    CHECK(later.await());
    (void)sys::close(fds[0]);
    (void)sys::close(fds[1]);
    CHECK(now(Clock::Monotonic) - t0 < PROMPT);
}

TEST("cancel ends a task blocked in Mutex::lock_cancelable; it does not take the lock") {
    if (test::skip_if_emulator_breaks_thread_signals()) return; // the cancel signal
    Executor ex(small());
    int64_t t0 = now(Clock::Monotonic);
    Mutex held;
    held.lock();
    g_ready = 0;
    auto locker = ex.concurrent([&held] {
        __atomic_store_n(&g_ready, 1, __ATOMIC_RELEASE);
        return !held.lock_cancelable();
    });
    REQUIRE(locker);
    wait_flag(&g_ready);
    CHECK(locker->cancel());
    held.unlock();
    CHECK(held.try_lock()); // the canceled waiter did not take it
    held.unlock();
    CHECK(now(Clock::Monotonic) - t0 < PROMPT);
}

TEST("cancel ends a task blocked in Semaphore::wait_cancelable (no permit taken), then ResetEvent's returns at once") {
    if (test::skip_if_emulator_breaks_thread_signals()) return; // the cancel signal
    Executor ex(small());
    int64_t t0 = now(Clock::Monotonic);
    Semaphore sem(0);
    ResetEvent ev;
    g_ready = 0;
    auto waiter = ex.concurrent([&] {
        __atomic_store_n(&g_ready, 1, __ATOMIC_RELEASE);
        bool a = !sem.wait_cancelable();
        bool b = !ev.wait_cancelable(); // already canceled: returns at once
        return a && b;
    });
    REQUIRE(waiter);
    wait_flag(&g_ready);
    CHECK(waiter->cancel());
    CHECK_EQ(sem.permits(), 0u);
    CHECK(now(Clock::Monotonic) - t0 < PROMPT);
}

TEST("cancel ends a task blocked in write_cancelable on a full pipe; nothing of it is written") {
    if (test::skip_if_emulator_breaks_thread_signals()) return; // the cancel signal
    int fds[2];
    REQUIRE(sys::pipe2(fds, sys::o::CLOEXEC | sys::o::NONBLOCK));
    // Fill the pipe (64 KiB by default): then poll reports it not writable.
    static char chunk[4096];
    size_t filled = 0;
    for (size_t n = sizeof chunk; n > 0; n /= 2) {
        for (;;) {
            auto w = sys::write(fds[1], chunk, n);
            if (!w) {
                CHECK(w.error() == Errno::AGAIN);
                break;
            }
            filled += *w;
        }
    }
    CHECK(filled >= 4096);
    Executor ex(small());
    static uint32_t ready;
    ready = 0;
    auto writer = ex.concurrent([fd = fds[1]] {
        __atomic_store_n(&ready, 1, __ATOMIC_RELEASE);
        auto r = write_cancelable(fd, "w", 1);
        return !r && r.error() == Errno::CANCELED;
    });
    REQUIRE(writer);
    wait_flag(&ready);
    int64_t t0 = now(Clock::Monotonic);
    CHECK(writer->cancel());
    CHECK(now(Clock::Monotonic) - t0 < PROMPT);
    // Room again: a task's write and the main thread's (no task: a plain write) both go through.
    size_t drained = 0;
    for (;;) {
        auto r = sys::read(fds[0], chunk, sizeof chunk);
        if (!r) break;
        drained += *r;
    }
    CHECK_EQ(drained, filled); // the canceled write added nothing
    auto later = ex.async([fd = fds[1]] {
        auto r = write_cancelable(fd, "t", 1);
        return r && *r == 1;
    });
    CHECK(later.await());
    auto main_write = write_cancelable(fds[1], "main", 4);
    CHECK(main_write && *main_write == 4);
    char got[8] = {};
    auto r = sys::read(fds[0], got, sizeof got);
    CHECK(r && *r == 5 && got[0] == 't' && got[1] == 'm' && got[4] == 'n');
    (void)sys::close(fds[0]);
    (void)sys::close(fds[1]);
}

TEST("cancel at any moment: 300 cancels land at random points before and in a wait") {
    if (test::skip_if_emulator_breaks_thread_signals()) return; // the cancel signal
    Executor ex(small());
    uint64_t x = 0x9e3779b97f4a7c15ull;
    int canceled = 0;
    for (int i = 0; i < 300; ++i) {
        // Were a signal lost between a cancel point's check and its syscall, the task would
        // sleep for an hour and the test time out.
        auto f = ex.concurrent([] { return !sleep_cancelable(HOUR); });
        REQUIRE(f);
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        for (uint32_t spin = static_cast<uint32_t>(x % 20000), k = 0; k < spin; ++k) asm volatile("" ::: "memory");
        canceled += f->cancel();
    }
    CHECK_EQ(canceled, 300);
}

TEST("uncancelable waits keep waiting; cancel_requested() tells the task") {
    if (test::skip_if_emulator_breaks_thread_signals()) return; // the cancel signal
    Executor ex(small());
    Mutex m;
    m.lock();
    static uint32_t ready;
    ready = 0;
    auto f = ex.concurrent([&m] {
        __atomic_store_n(&ready, 1, __ATOMIC_RELEASE);
        m.lock(); // uncancelable: returns with the lock, canceled or not
        m.unlock();
        return cancel_requested();
    });
    REQUIRE(f);
    wait_flag(&ready);
    sleep(20_ms);
    f->request_cancel();
    sleep(20_ms);
    CHECK(!f->done()); // still waiting for the mutex
    m.unlock();
    CHECK(f->await());
    // A task that polls cancel_requested() instead of waiting.
    ready = 0;
    auto spinner = ex.concurrent([] {
        __atomic_store_n(&ready, 1, __ATOMIC_RELEASE);
        long spins = 0;
        while (!cancel_requested()) ++spins, yield();
        return spins >= 0;
    });
    REQUIRE(spinner);
    wait_flag(&ready);
    CHECK(spinner->cancel());
    CHECK(!cancel_requested()); // the main thread runs no task
}

TEST("select returns the first future done; inline results win at once") {
    Executor ex(small());
    ResetEvent never;
    auto slow = ex.concurrent([&never] { never.wait(); return 1; });
    auto fast = ex.concurrent([] { return 2; });
    REQUIRE(slow && fast);
    auto first = select(*slow, *fast);
    REQUIRE(first);
    CHECK_EQ(*first, size_t{1});
    CHECK(fast->done());
    CHECK_EQ(fast->await(), 2);
    // An inline result (async_limit 0) is ready before anything else.
    Executor none(small(0));
    auto ready = none.async([] { return 3; });
    auto again = select(*slow, ready);
    REQUIRE(again);
    CHECK_EQ(*again, size_t{1});
    CHECK_EQ(ready.await(), 3);
    // select over an array: only the task that does not wait can be first.
    Future<int> arr[4];
    ResetEvent go;
    for (int i = 0; i < 4; ++i) {
        auto r = ex.concurrent([&go](int k) { if (k != 2) go.wait(); return k; }, i);
        REQUIRE(r);
        arr[i] = rt::move(*r);
    }
    auto w = select(arr, 4);
    REQUIRE(w);
    CHECK_EQ(*w, size_t{2});
    go.set();
    int sum = 0;
    for (auto& f : arr) sum += f.await();
    CHECK_EQ(sum, 6);
    never.set();
    CHECK_EQ(slow->await(), 1);
}

TEST("a future dropped without await cancels and waits for its task") {
    if (test::skip_if_emulator_breaks_thread_signals()) return; // the cancel signal
    Executor ex(small());
    static uint32_t finished;
    finished = 0;
    {
        auto f = ex.concurrent([] {
            (void)sleep_cancelable(HOUR);
            __atomic_store_n(&finished, 1, __ATOMIC_RELEASE);
        });
        REQUIRE(f);
    }
    CHECK_EQ(__atomic_load_n(&finished, __ATOMIC_ACQUIRE), 1u);
}

namespace {
uint32_t g_other_handler_calls;
void other_handler(int) { __atomic_fetch_add(&g_other_handler_calls, 1, __ATOMIC_RELAXED); }
// The threads of the process before any case ran (a constructor reads it): 1, plus QEMU user
// mode's own (its RCU thread), which /proc/self/status counts too.
const int g_idle_threads = test::threads_now();
} // namespace

TEST("destruction leaves no threads, no mappings and the previous signal disposition") {
    // Warm-up: thread blocks go to the cache and allocator spans exist before we count.
    { Executor ex(small()); for (int i = 0; i < 4; ++i) (void)ex.concurrent([] {}); }
    int threads = test::threads_settle(g_idle_threads);
    int maps = test::maps_lines();
    REQUIRE(sys::sigaction(sys::sig::IO, reinterpret_cast<void*>(other_handler), sys::sa::RESTART, sys::SigSet{}));
    {
        Executor ex(small());
        ResetEvent go;
        Future<int> f[4];
        for (int i = 0; i < 4; ++i) {
            auto r = ex.concurrent([&go](int k) { go.wait(); return k; }, i);
            REQUIRE(r);
            f[i] = rt::move(*r);
        }
        CHECK(test::threads_now() >= threads + 4);
        go.set();
        for (auto& x : f) (void)x.await();
    }
    CHECK_EQ(test::threads_settle(threads), threads);
    int after = test::maps_lines();
    if (!CHECK(after <= maps)) eprint("# maps lines before {}, after {}\n", maps, after);
    sys::KernelSigaction now_act{};
    REQUIRE(sys::rt_sigaction(sys::sig::IO, nullptr, &now_act));
    CHECK(now_act.handler == reinterpret_cast<void*>(other_handler));
    CHECK((now_act.flags & sys::sa::RESTART) != 0);
    (void)sys::sigaction(sys::sig::IO, nullptr, 0, sys::SigSet{});
}

TEST("allocation failure: async runs inline, concurrent is unavailable, groups still work") {
    auto st = test::in_child([]() -> int {
        Executor ex(small());
        sys::Rlimit none{0, 0};
        if (!sys::prlimit(0, sys::rlimit::AS, &none, nullptr)) return 10;
        // No new mapping can be made now, unless the limit is not applied (QEMU's user mode
        // accepts RLIMIT_AS but ignores it: its own allocations would fail too).
        if (sys::mmap(nullptr, 4096, sys::prot::READ | sys::prot::WRITE, sys::map::PRIVATE | sys::map::ANONYMOUS))
            return 77;
        // Use up what the allocator holds already, in every size a task may need.
        for (size_t size = 8; size <= 4096; size += 8)
            while (rt::alloc(size)) {
            }
        int me = current_thread_id();
        if (ex.async([] { return current_thread_id(); }).await() != me) return 11;
        auto c = ex.concurrent([] { return 1; });
        if (c || c.error() != ConcurrentError::ConcurrencyUnavailable) return 12;
        uint32_t ran = 0;
        {
            Group g(ex);
            g.async([&ran] { ++ran; });
            if (g.concurrent([] {})) return 13;
            g.wait();
        }
        if (ran != 1) return 14;
        return ex.workers() == 0 ? 0 : 15;
    });
    if (st.exited() && st.exit_code() == 77 && test::under_emulator()) {
        test::skip("QEMU user mode does not apply RLIMIT_AS (linux-user/syscall.c), so allocation cannot be made to fail");
        return;
    }
    CHECK(st.exited());
    CHECK_EQ(st.exit_code(), 0);
}

namespace {
// An executor with one task held running on a worker until `release` is set.
struct HeldTask {
    Executor ex{small()};
    uint32_t started = 0, release = 0;
    Expected<Future<int>, ConcurrentError> running = ex.concurrent([this] {
        __atomic_store_n(&started, 1, __ATOMIC_RELEASE);
        wait_flag(&release);
        return 1;
    });
};
} // namespace

TEST("fork with a task running on a worker: the child loses it, panics on awaiting it, drops it quietly") {
    HeldTask h;
    auto& ex = h.ex;
    auto& running = h.running;
    auto& started = h.started;
    auto& release = h.release;
    REQUIRE(running);
    Group g(ex);
    uint32_t g_started = 0;
    REQUIRE(g.concurrent([&] {
        __atomic_store_n(&g_started, 1, __ATOMIC_RELEASE);
        wait_flag(&release);
    }));
    wait_flag(&started);
    wait_flag(&g_started);
    char err[256];
    // The child: no worker of the parent; dropping the lost future and canceling the group
    // with a lost task are fine.
    auto st = test::in_child([&]() -> int {
        if (ex.workers() != 0) return 1;
        { Future<int> lost = rt::move(*running); } // destroyed without waiting
        g.cancel();
        return 0;
    });
    CHECK(st.exited());
    CHECK_EQ(st.exit_code(), 0);
    st = test::in_child_stderr([&] { (void)running->await(); }, err);
    CHECK(st.signaled() && st.term_signal() == static_cast<int>(sys::sig::ABRT));
    CHECK(test::starts_with(err, "panic: rt::Future::await: the task was queued or running on another thread when the process forked"));
    st = test::in_child_stderr([&] { g.wait(); }, err);
    CHECK(st.signaled() && st.term_signal() == static_cast<int>(sys::sig::ABRT));
    CHECK(test::starts_with(err, "panic: rt::Group::wait: a task was queued or running on another thread when the process forked"));
    // The parent's tasks were not touched.
    __atomic_store_n(&release, 1, __ATOMIC_RELEASE);
    CHECK_EQ(running->await(), 1);
    g.wait();
}

namespace {
// Skips the case when a fork child's failure is QEMU's abort on creating a thread there.
bool skipped_for_qemu_fork(sys::WaitStatus st, const char* err) {
    if (st.exited() && st.exit_code() == 0) return false;
    if (!test::under_emulator() || !test::qemu_fork_thread_abort(err)) return false;
    test::skip("QEMU user mode aborts a thread created in a child forked from a multithreaded process (plugins/core.c qemu_plugin_vcpu_init_hook)");
    return true;
}
} // namespace

TEST("fork with a task running on a worker: the child's executor starts workers for new tasks") {
    HeldTask h;
    auto& ex = h.ex;
    auto& running = h.running;
    auto& started = h.started;
    auto& release = h.release;
    REQUIRE(running);
    wait_flag(&started);
    char err[512];
    auto st = test::in_child_stderr([&]() -> int {
        auto f = ex.concurrent([] { return 5; });
        if (!f || f->await() != 5) return 2;
        Group mine(ex);
        int ran = 0;
        mine.async([&ran] { ran = 1; });
        mine.wait();
        if (ran != 1) return 3;
        return ex.workers() >= 1 ? 0 : 4;
    }, err, true);
    __atomic_store_n(&release, 1, __ATOMIC_RELEASE);
    CHECK_EQ(running->await(), 1);
    if (skipped_for_qemu_fork(st, err)) return;
    CHECK(st.exited());
    CHECK_EQ(st.exit_code(), 0);
}

TEST("fork from a task: the child's worker finishes its task and the executor takes new ones") {
    Executor ex(small());
    static char err[512];
    auto f = ex.concurrent([&ex]() -> int {
        auto st = test::in_child_stderr([&ex]() -> int {
            auto g = ex.concurrent([] { return 7; });
            if (!g || g->await() != 7) return 1;
            return ex.workers() == 2 ? 0 : 2; // this one and the new one
        }, err, true);
        return st.raw;
    });
    REQUIRE(f);
    sys::WaitStatus st{f->await()};
    if (skipped_for_qemu_fork(st, err)) return;
    CHECK(st.exited());
    CHECK_EQ(st.exit_code(), 0);
}
