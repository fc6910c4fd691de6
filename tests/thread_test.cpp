// rt::Thread on every ABI: spawn, join, detach, per-thread state, names, limits, and failures.
#include "harness/child.h"
#include "harness/proc.h"
#include "harness/seccomp.h"
#include "harness/tap.h"
#include "rt/sync/cancel_points.h"
#include "rt/sync/mutex.h"
#include "rt/sync/reset_event.h"
#include "rt/start/process.h"
#include "rt/sys/fd.h"
#include "rt/sys/process.h"
#include "rt/sys/resource.h"
#include "rt/sys/signal.h"
#include "rt/tls/tcb.h"
#include "rt/thread/this_thread.h"
#include "rt/thread/thread.h"
#include "rt/time/clock.h"
#include "uapi.h"

using namespace rt;
using namespace rt::literals;
using rt::test::in_child;
using rt::test::in_child_stderr;
using rt::test::starts_with;

namespace {

constexpr size_t SMALL_STACK = 64 * 1024;

thread_local int t_value = 42;          // .tdata
thread_local long t_zero;               // .tbss
alignas(64) thread_local char t_aligned[3];

bool streq(const char* a, const char* b) {
    while (*a && *a == *b) ++a, ++b;
    return *a == *b;
}

} // namespace

TEST("spawn runs the callable with its arguments; join waits for it") {
    int out = 0;
    auto t = Thread::spawn([](int* p, int a, int b) { *p = a * b; }, &out, 6, 7);
    REQUIRE(t);
    CHECK(t->joinable());
    CHECK(t->handle() > 0);
    t->join();
    CHECK(!t->joinable());
    CHECK_EQ(out, 42);
}

TEST("a captured object is moved into the thread and destroyed there") {
    static int destroyed;
    struct Tracker {
        int* seen;
        bool live = true;
        Tracker(int* s) : seen(s) {}
        Tracker(Tracker&& o) : seen(o.seen) { o.live = false; }
        ~Tracker() {
            if (live) ++destroyed;
        }
    };
    int seen = 0;
    destroyed = 0;
    {
        Tracker tr(&seen);
        auto t = Thread::spawn([](Tracker t2) { *t2.seen = 1; }, rt::move(tr));
        REQUIRE(t);
        t->join();
    }
    CHECK_EQ(seen, 1);
    CHECK_EQ(destroyed, 1); // once: inside the thread (the moved-from shells were not live)
}

TEST("thread ids differ and match the kernel's; the main thread's is the pid") {
    CHECK_EQ(current_thread_id(), sys::getpid());
    int child_id = 0, child_gettid = 0;
    auto t = Thread::spawn([&] {
        child_id = current_thread_id();
        child_gettid = sys::gettid();
    });
    REQUIRE(t);
    int handle = t->handle();
    t->join();
    CHECK(child_id != sys::getpid());
    CHECK_EQ(child_id, child_gettid);
    CHECK_EQ(child_id, handle);
    // A forked child's main thread has the child's id, not the cached one of its parent.
    auto st = in_child([] { return current_thread_id() == sys::getpid() && sys::getpid() == sys::gettid() ? 0 : 1; });
    CHECK(st.exited() && st.exit_code() == 0);
}

TEST("thread_local: each thread starts from the initial image and keeps its own copy") {
    t_value = 7;
    t_zero = 9;
    int seen_value = 0;
    long seen_zero = -1;
    bool aligned = false;
    auto t = Thread::spawn([&] {
        seen_value = t_value;
        seen_zero = t_zero;
        aligned = reinterpret_cast<uintptr_t>(t_aligned) % 64 == 0;
        t_value = 100;
    });
    REQUIRE(t);
    t->join();
    CHECK_EQ(seen_value, 42);
    CHECK_EQ(seen_zero, 0);
    CHECK(aligned);
    CHECK_EQ(t_value, 7); // untouched by the thread's write
}

TEST("detach: the thread runs to completion on its own") {
    static ResetEvent done;
    static int value;
    auto t = Thread::spawn(SpawnConfig{.stack_size = SMALL_STACK}, [] {
        value = 5;
        done.set();
    });
    REQUIRE(t);
    t->detach();
    CHECK(!t->joinable());
    done.wait();
    CHECK_EQ(value, 5);
}

TEST("names: set before the callable runs, read and written across threads, too long refused") {
    char seen[16] = {};
    static ResetEvent named, proceed;
    named.reset();
    proceed.reset();
    auto t = Thread::spawn(SpawnConfig{.name = "worker-15-bytes"}, [&] {
        (void)get_name(seen);
        named.set();
        proceed.wait();
    });
    REQUIRE(t);
    named.wait();
    CHECK(streq(seen, "worker-15-bytes"));
    char other[16];
    CHECK(get_name(t->handle(), other));
    CHECK(streq(other, "worker-15-bytes"));
    CHECK(set_name(t->handle(), "renamed"));
    CHECK(get_name(t->handle(), other));
    CHECK(streq(other, "renamed"));
    CHECK(set_name(t->handle(), "sixteen-bytes-xx").error() == NameError::NameTooLong);
    proceed.set();
    t->join();
    char mine[16];
    CHECK(set_name("main-thread"));
    CHECK(get_name(mine));
    CHECK(streq(mine, "main-thread"));
    CHECK(set_name("sixteen-bytes-xx").error() == NameError::NameTooLong);
    auto bad = Thread::spawn(SpawnConfig{.name = "sixteen-bytes-xx"}, [] {});
    REQUIRE(!bad);
    CHECK(bad.error() == SpawnError::NameTooLong);
}

TEST("cpu count is at least one") { CHECK(cpu_count() >= 1); }

namespace {

// A fixed-capacity array of joinable threads (rt has no vector).
template <unsigned N> struct Threads {
    alignas(Thread) unsigned char storage[N][sizeof(Thread)];
    unsigned n = 0;
    Thread& operator[](unsigned i) { return *reinterpret_cast<Thread*>(storage[i]); }
    bool add(Expected<Thread, SpawnError>&& t) {
        if (!t) return false;
        ::new (storage[n++], rt::detail::PlacementTag{}) Thread(rt::move(*t));
        return true;
    }
    void join_all() {
        for (unsigned i = 0; i < n; ++i) {
            (*this)[i].join();
            (*this)[i].~Thread();
        }
        n = 0;
    }
};

char g_log[16];
unsigned g_log_len;
struct Logged {
    char id;
    explicit Logged(char c) : id(c) {}
    ~Logged() {
        if (g_log_len < sizeof g_log - 1) g_log[g_log_len++] = id;
    }
};

[[gnu::noinline]] int recurse(int depth) {
    volatile char pad[512];
    pad[0] = static_cast<char>(depth);
    asm volatile("" : : "r"(pad) : "memory");
    if (depth == 1 << 30) return 0; // never: the guard page stops it long before
    return recurse(depth + 1) + pad[0];
}

} // namespace

TEST("thread_local destructors run at thread exit, newest first") {
    g_log_len = 0;
    auto t = Thread::spawn([] {
        thread_local Logged a('a');
        thread_local Logged b('b');
        thread_local Logged c('c');
        (void)a, (void)b, (void)c;
    });
    REQUIRE(t);
    t->join();
    g_log[g_log_len] = 0;
    CHECK(streq(g_log, "cba"));
}

TEST("1000 threads alive at once, then joined") {
    static Threads<1000> ts;
    static ResetEvent go;
    static int started;
    go.reset();
    started = 0;
    bool all = true;
    for (int i = 0; i < 1000 && all; ++i)
        all = ts.add(Thread::spawn(SpawnConfig{.stack_size = SMALL_STACK}, [] {
            __atomic_fetch_add(&started, 1, __ATOMIC_RELAXED);
            go.wait();
        }));
    CHECK(all);
    CHECK_EQ(ts.n, 1000u);
    // Every thread is alive and blocked: none has returned yet.
    while (__atomic_load_n(&started, __ATOMIC_RELAXED) < static_cast<int>(ts.n)) yield();
    go.set();
    ts.join_all();
    CHECK_EQ(started, 1000);
}

TEST("2000 spawn+join in a row; reused blocks start with fresh thread-locals") {
    int ok = 0;
    for (int i = 0; i < 2000; ++i) {
        auto t = Thread::spawn(SpawnConfig{.stack_size = SMALL_STACK}, [&ok] {
            if (t_value == 42 && t_zero == 0) ++ok;
            t_value = 1;
            t_zero = 2;
        });
        if (!t) break;
        t->join();
    }
    CHECK_EQ(ok, 2000);
}

TEST("1000 detached threads free their blocks: /proc/self/maps is back to its line count") {
    static int finished;
    finished = 0;
    // Warm-up: whatever a first detached thread maps for good (allocator spans) exists before.
    auto w = Thread::spawn(SpawnConfig{.stack_size = SMALL_STACK}, [] { __atomic_fetch_add(&finished, 1, __ATOMIC_RELEASE); });
    REQUIRE(w);
    w->detach();
    while (__atomic_load_n(&finished, __ATOMIC_ACQUIRE) < 1) yield();
    int before = -1;
    for (int tries = 0; tries < 1000 && before != test::maps_lines(); ++tries) { before = test::maps_lines(); sleep(1_ms); }
    int spawned = 0;
    for (int i = 0; i < 1000; ++i) {
        auto t = Thread::spawn(SpawnConfig{.stack_size = SMALL_STACK}, [] { __atomic_fetch_add(&finished, 1, __ATOMIC_RELEASE); });
        if (!t) break;
        t->detach();
        ++spawned;
    }
    CHECK_EQ(spawned, 1000);
    int64_t t0 = now(Clock::Monotonic);
    while (__atomic_load_n(&finished, __ATOMIC_ACQUIRE) < spawned + 1 && now(Clock::Monotonic) - t0 < 30'000'000'000) yield();
    CHECK_EQ(finished, spawned + 1);
    // A thread that has counted itself may still be unmapping its block: wait (bounded).
    int after = test::maps_lines();
    while (after > before && now(Clock::Monotonic) - t0 < 30'000'000'000) {
        sleep(1_ms);
        after = test::maps_lines();
    }
    CHECK(before > 0);
    if (!CHECK(after <= before)) rt::eprint("# maps lines before {}, after {}\n", before, after);
}

// Forks a child that overflows a thread's stack; waits at most `limit_ns` for it to die.
// Returns its status, or a status with raw -1 when it did not end in time (then it is killed).
// The child's stdout and stderr go to `out` (an emulator's own abort message included).
sys::WaitStatus overflow_in_child(int64_t limit_ns, char (&out)[512]) {
    out[0] = 0;
    int fds[2];
    if (!sys::pipe2(fds, sys::o::CLOEXEC)) return sys::WaitStatus{-3};
    auto pid = rt::fork();
    if (!pid) return sys::WaitStatus{-2};
    if (*pid == 0) {
        (void)sys::dup3(fds[1], 1, 0);
        (void)sys::dup3(fds[1], 2, 0);
        auto t = Thread::spawn(SpawnConfig{.stack_size = SMALL_STACK}, [] { (void)recurse(0); });
        if (!t) {
            rt::eprint("# spawn in the child failed: {}\n", t.error());
            sys::exit_group(2);
        }
        t->join();
        sys::exit_group(3);
    }
    (void)sys::close(fds[1]);
    int64_t t0 = now(Clock::Monotonic);
    sys::WaitStatus st{0};
    bool ended = false;
    for (;;) {
        auto w = sys::wait4(*pid, &st, sys::wait::NOHANG);
        if (w && *w == *pid) {
            ended = true;
            break;
        }
        if (now(Clock::Monotonic) - t0 > limit_ns) break;
        sleep(10_ms);
    }
    if (!ended) {
        (void)sys::kill(*pid, sys::sig::KILL);
        (void)sys::wait4(*pid, &st);
        st = sys::WaitStatus{-1};
    }
    size_t got = 0;
    while (got < sizeof out - 1) {
        auto r = sys::read(fds[0], out + got, sizeof out - 1 - got);
        if (!r || *r == 0) break;
        got += *r;
    }
    out[got] = 0;
    (void)sys::close(fds[0]);
    return st;
}

TEST("a stack overflow hits the guard page: SIGSEGV, reported to the parent") {
    char out[512];
    auto st = overflow_in_child(120'000'000'000, out);
    for (int retry = 0; retry < 2 && test::under_emulator(); ++retry) {
        if (st.raw == -1) {
            // QEMU user mode has been seen (once in many runs, mipsn32 on a loaded machine) to
            // deadlock on its own lock while killing a multi-threaded guest for a fatal signal;
            // the child then never ends. That is the emulator's hang, not the guard page's.
            rt::eprint("# the emulator did not end the crashed child within 120 s; retrying\n");
        } else if (test::qemu_fork_thread_abort(out)) {
            // The child's thread hit QEMU's plugin-table abort (child.h), possible while a
            // thread of an earlier case is still ending inside QEMU.
            rt::eprint("# the emulator aborted creating the child's thread; retrying\n");
        } else {
            break;
        }
        sleep(100_ms);
        st = overflow_in_child(120'000'000'000, out);
    }
    if (test::under_emulator() && !st.signaled() && test::qemu_fork_thread_abort(out)) {
        test::skip("QEMU user mode aborts a thread created in a child forked from a multithreaded process (plugins/core.c qemu_plugin_vcpu_init_hook)");
        return;
    }
    if (!CHECK(st.signaled())) rt::eprint("# child status {:#x}; its output: {}\n", st.raw, static_cast<const char*>(out));
    CHECK_EQ(st.term_signal(), static_cast<int>(sys::sig::SEGV));
}

namespace {
int g_signals_seen;
void on_usr1(int) { __atomic_fetch_add(&g_signals_seen, 1, __ATOMIC_RELAXED); }
} // namespace

TEST("detached threads ending under a storm of signals never crash the process") {
    REQUIRE(sys::sigaction(sys::sig::USR1, reinterpret_cast<void*>(on_usr1), sys::sa::RESTART, sys::SigSet{}));
    if (test::skip_if_emulator_breaks_thread_signals()) {
        (void)sys::sigaction(sys::sig::USR1, nullptr, 0, sys::SigSet{});
        return;
    }
    static int tids[200];
    static int finished;
    static int stop;
    finished = 0;
    stop = 0;
    for (auto& t : tids) t = 0;
    auto storm = Thread::spawn(SpawnConfig{.stack_size = SMALL_STACK}, [] {
        int pid = sys::getpid();
        while (!__atomic_load_n(&stop, __ATOMIC_ACQUIRE))
            for (int& t : tids) {
                int tid = __atomic_load_n(&t, __ATOMIC_RELAXED);
                if (tid) (void)sys::tgkill(pid, tid, sys::sig::USR1);
            }
    });
    REQUIRE(storm);
    int spawned = 0;
    for (int i = 0; i < 200; ++i) {
        auto t = Thread::spawn(SpawnConfig{.stack_size = SMALL_STACK}, [i] {
            __atomic_store_n(&tids[i], current_thread_id(), __ATOMIC_RELAXED);
            for (int k = 0; k < 50; ++k) yield();
            __atomic_fetch_add(&finished, 1, __ATOMIC_RELEASE);
        });
        if (!t) break;
        t->detach();
        ++spawned;
    }
    int64_t t0 = now(Clock::Monotonic);
    while (__atomic_load_n(&finished, __ATOMIC_ACQUIRE) < spawned && now(Clock::Monotonic) - t0 < 30'000'000'000) yield();
    sleep(20_ms); // let the last ones unmap themselves while signals still fly
    __atomic_store_n(&stop, 1, __ATOMIC_RELEASE);
    storm->join();
    CHECK_EQ(spawned, 200);
    CHECK_EQ(finished, spawned);
    CHECK(__atomic_load_n(&g_signals_seen, __ATOMIC_RELAXED) > 0);
    (void)sys::sigaction(sys::sig::USR1, nullptr, 0, sys::SigSet{});
}

TEST("impossible stack sizes fail with OutOfMemory, not a crash") {
    auto a = Thread::spawn(SpawnConfig{.stack_size = SIZE_MAX}, [] {});
    REQUIRE(!a);
    CHECK(a.error() == SpawnError::OutOfMemory);
    // Representable, but more than the address space can hold: all of it but 64 KiB, where
    // the program, its stack and the vDSO are mapped already. (Not 2^62 bytes on 64-bit ABIs:
    // s390x's user address space reaches 2^64 - 4 KiB, and a 2^62-byte block was mapped there
    // on a real kernel — issue 16. A 32-bit process on a 64-bit kernel has nearly 4 GiB.) With
    // 64 KiB pages the size's sum overflows first: OutOfMemory as well.
    size_t huge = SIZE_MAX - 64 * 1024;
    auto b = Thread::spawn(SpawnConfig{.stack_size = huge}, [] {});
    CHECK(!b);
    if (b) b->join(); // a failure of this case, not a panic of the test program
    else CHECK(b.error() == SpawnError::OutOfMemory);
    // And the next ordinary spawn works.
    auto c = Thread::spawn([] {});
    REQUIRE(c);
    c->join();
}

TEST("a stack_size of 0 is the smallest stack, one page; unset is the build's default") {
    int v = 0;
    auto t = Thread::spawn(SpawnConfig{.stack_size = 0}, [&v] { v = 1; });
    REQUIRE(t);
    t->join();
    CHECK_EQ(v, 1);
    size_t page = page_size(), zero = 0, unset = 0;
    CHECK(rt::detail::spawn_block_size(SpawnConfig{.stack_size = 0, .guard_size = 0}, 64, 16, &zero));
    CHECK(rt::detail::spawn_block_size(SpawnConfig{.guard_size = 0}, 64, 16, &unset));
    CHECK(zero >= page && zero < unset);
}

TEST("guard and stack sizes whose sum wraps fail with OutOfMemory") {
    // A guard near SIZE_MAX wrapped the block size to a few pages, and the guard's mprotect
    // then landed below the mapping (a neighbour made read-write, the thread without a guard).
    size_t page = page_size();
    const size_t below_max[] = {0, 1, 2, page - 1, page, 2 * page, 3 * page, 64 * page, size_t{1} << 20};
    for (size_t k : below_max) {
        auto t = Thread::spawn(SpawnConfig{.guard_size = SIZE_MAX - k}, [] {});
        if (!CHECK(!t)) {
            t->join();
            continue;
        }
        CHECK(t.error() == SpawnError::OutOfMemory);
    }
    auto t = Thread::spawn(SpawnConfig{.stack_size = SIZE_MAX / 2 + page, .guard_size = SIZE_MAX / 2}, [] {});
    CHECK(!t && t.error() == SpawnError::OutOfMemory);
    // The spawns above may fail for another reason (the wrapped mprotect failing); the block
    // size itself must never wrap: refused, or at least each part.
    int wrapped = 0;
    for (size_t k : below_max) {
        const size_t stacks[] = {0, 64 * 1024, SIZE_MAX - k};
        for (size_t stack : stacks) {
            size_t size = 0;
            SpawnConfig cfg{.stack_size = stack, .guard_size = SIZE_MAX - k};
            if (rt::detail::spawn_block_size(cfg, 64, 16, &size) && (size < SIZE_MAX - k || size < stack)) ++wrapped;
            SpawnConfig cfg2{.stack_size = SIZE_MAX - k, .guard_size = 0};
            if (rt::detail::spawn_block_size(cfg2, 64, 16, &size) && size < SIZE_MAX - k) ++wrapped;
            if (rt::detail::spawn_block_size(SpawnConfig{}, SIZE_MAX - k, 16, &size) && size < SIZE_MAX - k) ++wrapped;
        }
    }
    CHECK_EQ(wrapped, 0);
    size_t normal = 0;
    CHECK(rt::detail::spawn_block_size(SpawnConfig{.stack_size = 64 * 1024}, 64, 16, &normal) && normal >= 64 * 1024 + page);
    auto ok = Thread::spawn([] {});
    REQUIRE(ok);
    ok->join();
}

TEST("fork in an rt::Thread: the child's thread id is its own") {
    int result = -1;
    auto t = Thread::spawn([&result] {
        auto st = in_child([] {
            int id = current_thread_id();
            if (id != sys::gettid() || id != sys::getpid()) return 1;
            // Signal 0 checks that the id names a live thread of this process.
            return sys::tgkill(sys::getpid(), id, 0) ? 0 : 2;
        });
        result = st.exited() ? st.exit_code() : 100;
    });
    REQUIRE(t);
    t->join();
    CHECK_EQ(result, 0);
}

TEST("fork: a thread of the parent is not joined in the child (panic); detaching it is allowed") {
    uint32_t release = 0;
    auto t = Thread::spawn([&release] {
        while (__atomic_load_n(&release, __ATOMIC_ACQUIRE) == 0) sleep(1_ms);
    });
    REQUIRE(t);
    char err[256];
    // Joining would wait forever: the thread does not run in the child.
    auto st = rt::test::in_child_stderr([&t] { t->join(); }, err);
    CHECK(st.signaled() && st.term_signal() == static_cast<int>(sys::sig::ABRT));
    CHECK(rt::test::starts_with(err, "panic: rt::Thread::join: the thread runs in the parent process"));
    st = rt::test::in_child([&t] {
        t->detach();
        return t->joinable() ? 1 : 0;
    });
    CHECK(st.exited());
    CHECK_EQ(st.exit_code(), 0);
    // In the parent it runs on, and joins as before.
    __atomic_store_n(&release, 1, __ATOMIC_RELEASE);
    t->join();
}

TEST("fork: the child of a process with other threads spawns and joins threads of its own") {
    uint32_t release = 0;
    auto t = Thread::spawn([&release] {
        while (__atomic_load_n(&release, __ATOMIC_ACQUIRE) == 0) sleep(1_ms);
    });
    REQUIRE(t);
    char err[512];
    auto st = rt::test::in_child_stderr([&t]() -> int {
        t->detach();
        int v = 0;
        auto u = Thread::spawn([&v] { v = 7; });
        if (!u) return 1;
        u->join();
        return v == 7 ? 0 : 2;
    }, err, true);
    __atomic_store_n(&release, 1, __ATOMIC_RELEASE);
    t->join();
    if (!(st.exited() && st.exit_code() == 0) && rt::test::under_emulator() && rt::test::qemu_fork_thread_abort(err)) {
        rt::test::skip("QEMU user mode aborts a thread created in a child forked from a multithreaded process (plugins/core.c qemu_plugin_vcpu_init_hook)");
        return;
    }
    CHECK(st.exited());
    CHECK_EQ(st.exit_code(), 0);
}

TEST("no guard page and odd stack sizes work") {
    int v = 0;
    auto t = Thread::spawn(SpawnConfig{.stack_size = 100000, .guard_size = 0}, [&v] { v = 1; });
    REQUIRE(t);
    t->join();
    CHECK_EQ(v, 1);
}

TEST("RLIMIT_NPROC exhausted: ThreadQuotaExceeded (in a child process)") {
    auto st = in_child([] {
        // Root is exempt from RLIMIT_NPROC: become nobody first.
        if (sys::getuid() == 0 && !sys::setuid(65534)) return 10;
        sys::Rlimit none{0, 0};
        if (!sys::prlimit(0, sys::rlimit::NPROC, &none, nullptr)) return 11;
        auto t = Thread::spawn(SpawnConfig{.stack_size = SMALL_STACK}, [] {});
        if (t) {
            t->join();
            return 12;
        }
        return t.error() == SpawnError::ThreadQuotaExceeded ? 0 : 13;
    });
    CHECK(st.exited());
    CHECK_EQ(st.exit_code(), 0);
}

TEST("sleep waits at least its duration; zero and negative durations return at once") {
    int64_t t0 = now(Clock::Monotonic);
    sleep(20_ms);
    int64_t slept = now(Clock::Monotonic) - t0;
    CHECK(slept >= 20'000'000);
    t0 = now(Clock::Monotonic);
    sleep(Duration::zero());
    sleep(Duration::nanoseconds(-5));
    sleep(Duration::min());
    sleep(Duration::seconds(-INT64_MAX));
    CHECK(now(Clock::Monotonic) - t0 < 1'000'000'000);
    yield();
}

TEST("sleep_until waits for its deadline; a deadline that has passed returns at once") {
    Deadline d = deadline_after(15_ms);
    sleep_until(d);
    CHECK(now(Clock::Monotonic) >= d.ns());
    int64_t t0 = now(Clock::Monotonic);
    sleep_until(Deadline::at(t0 - 1));
    sleep_until(Deadline::at(0));
    sleep_until(Deadline::at(INT64_MIN));
    CHECK(now(Clock::Monotonic) - t0 < 1'000'000'000);
}

namespace {
// A filter under which clock_nanosleep, in both its forms, fails with ENOSYS.
template <class S = sys::Sys> bool deny_clock_nanosleep() {
    uint32_t nrs[2];
    int n = 0;
    // Either or both, as the ABI has them (riscv32 has only the 64-bit-time one).
    if constexpr (requires { S::clock_nanosleep; }) nrs[n++] = static_cast<uint32_t>(S::clock_nanosleep);
    if constexpr (requires { S::clock_nanosleep_time64; }) nrs[n++] = static_cast<uint32_t>(S::clock_nanosleep_time64);
    return test::deny_syscalls(nrs, n, Errno::NOSYS);
}
} // namespace

TEST("sleep and sleep_cancelable panic when the kernel refuses to sleep, instead of spinning or returning early") {
    const char* want[2] = {"rt::sleep: clock_nanosleep failed: ENOSYS", "rt::sleep_cancelable: clock_nanosleep failed: ENOSYS"};
    for (int which = 0; which < 2; ++which) {
        char err[256];
        auto st = in_child_stderr([which]() -> int {
            // Were the sleep to spin, this ends it: SIGXCPU after 2 s of CPU time.
            sys::Rlimit cpu{2, 3};
            (void)sys::prlimit(0, sys::rlimit::CPU, &cpu, nullptr);
            if (!deny_clock_nanosleep()) return 77;
            if (which == 0) sleep(50_ms);
            else (void)sleep_cancelable(50_ms);
            return 0; // it returned: neither slept nor said why not
        }, err);
        if (st.exited() && st.exit_code() == 77 && test::under_emulator()) {
            // linux-user/syscall.c do_prctl: PR_SET_SECCOMP is EINVAL ("Disable seccomp to
            // prevent the target disabling syscalls we need").
            test::skip("QEMU user mode refuses seccomp filters (PR_SET_SECCOMP is EINVAL)");
            return;
        }
        CHECK(st.signaled());
        CHECK_EQ(st.term_signal(), static_cast<int>(sys::sig::ABRT));
        CHECK(test::contains(err, want[which]));
    }
}

#if defined(BEDROCK_TEST_STACK_CLASH)
namespace {
// The fault's address, from the SIGSEGV handler (on an alternate stack: the thread's is used up).
// siginfo's fields after si_signo, si_errno and si_code start at 3 ints rounded up to a
// pointer's alignment: 12 bytes on 32-bit ABIs, 16 on 64-bit ones (asm-generic/siginfo.h,
// __ARCH_SI_PREAMBLE_SIZE; mips only swaps si_code and si_errno).
char* g_guard_lo;
char* g_guard_hi;
void on_clash_fault(int, void* info, void*) {
    auto addr = *reinterpret_cast<char**>(static_cast<char*>(info) + (sizeof(void*) == 8 ? 16 : 12));
    sys::exit_group(addr >= g_guard_lo && addr < g_guard_hi ? 0 : 3);
}
[[gnu::noinline]] void frame_of_1_mib() {
    volatile char buf[1 << 20];
    buf[0] = 1;
    asm volatile("" : : "r"(buf) : "memory");
}
} // namespace

TEST("a 1 MiB stack frame in a thread with the default guard faults in the guard page") {
    // Compiled with -fstack-clash-protection (bedrock's and the user's flags on this
    // configuration): the frame is probed a page at a time from the top, so the first access
    // past the stack is in the guard page. Without probes the frame's first access is ~1 MiB
    // lower: in another mapping (corrupting it) or in no mapping (a fault outside the guard).
    auto st = in_child([] {
        auto t = Thread::spawn(SpawnConfig{.stack_size = 64 * 1024}, [] {
            auto b = static_cast<rt::detail::ThreadBlock*>(rt::detail::current_tcb()->rt.thread);
            g_guard_lo = b->base;
            g_guard_hi = b->base + b->guard;
            static char alt[64 * 1024];
            sys::KernelStack ss{};
            ss.sp = alt;
            ss.size = sizeof alt;
            if (!sys::sigaltstack(&ss, nullptr)) sys::exit_group(4);
            if (!sys::sigaction(sys::sig::SEGV, reinterpret_cast<void*>(&on_clash_fault), sys::sa::SIGINFO | sys::sa::ONSTACK,
                                sys::SigSet{}))
                sys::exit_group(5);
            frame_of_1_mib();
            sys::exit_group(6); // no fault at all
        });
        if (!t) return 7;
        t->join();
        return 8;
    });
    CHECK(st.exited());
    if (!CHECK_EQ(st.exit_code(), 0)) rt::eprint("# exit {} (3: fault outside the guard, 6: no fault)\n", st.exit_code());
}
#endif

TEST("join or detach of a Thread already joined, detached or empty panics") {
    char err[256];
    auto st = in_child_stderr([] {
        auto t = Thread::spawn([] {});
        if (!t) return 2;
        t->join();
        t->join();
        return 3;
    }, err);
    CHECK(st.signaled());
    CHECK(starts_with(err, "panic: rt::Thread::join on a thread that is not joinable"));
    st = in_child_stderr([] {
        auto t = Thread::spawn([] {});
        if (!t) return 2;
        t->detach();
        t->detach();
        return 3;
    }, err);
    CHECK(st.signaled());
    CHECK(starts_with(err, "panic: rt::Thread::detach on a thread that is not joinable"));
}
