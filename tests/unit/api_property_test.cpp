// Property-style tests of rt's public API (issue 14): random sizes, alignments, counts, timeouts
// and widths, and random misuse, each call checked against what the contract allows — a value
// that meets it, a named error, or (for misuse) a panic with its message in a child process —
// never a crash, a hang or a wrong answer. Built with the host's compiler and run in the
// hosted suite as it is, under ASan+UBSan and under TSan (scripts/test).
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <thread>

#include "rt/core/checked.h"
#include "rt/core/duration.h"
#include "rt/io/format.h"
#include "rt/mem/alloc.h"
#include "rt/sync/condition.h"
#include "rt/sync/mutex.h"
#include "rt/sync/reset_event.h"
#include "rt/sync/semaphore.h"
#include "rt/time/clock.h"

namespace {

// Sizes spread over every magnitude: mostly small, some large, some near the top of size_t.
size_t random_size(std::mt19937_64& rng) {
    switch (rng() % 8) {
    case 0: return SIZE_MAX - rng() % 4096;
    case 1: return size_t{1} << (rng() % (8 * sizeof(size_t)));
    case 2: return rng() % (4 << 20);
    case 3: return rng() % (64 << 10);
    default: return rng() % 2048;
    }
}

// Alignments: every power of two up to 2^20, zero, and non-powers of two.
size_t random_align(std::mt19937_64& rng) {
    switch (rng() % 6) {
    case 0: return 0;
    case 1: return 3 + 2 * (rng() % 1000);
    default: return size_t{1} << (rng() % 21);
    }
}

// The outcome of a child process: how it ended and what it wrote to stderr.
struct ChildResult {
    int status;
    std::string err;
    bool aborted() const { return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT; }
};

// Runs fn in a child (killed by SIGALRM after 20 s: a hang fails as such).
template <class F> ChildResult in_child(F fn) {
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    pid_t pid = fork();
    if (pid == 0) {
        // No Catch2 macro in the child: its reporter would write to the shared stdout.
        close(fds[0]);
        dup2(fds[1], 2);
        alarm(20);
        fn();
        _exit(0);
    }
    REQUIRE(pid > 0);
    close(fds[1]);
    std::string err;
    char buf[256];
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof buf)) > 0) err.append(buf, static_cast<size_t>(n));
    close(fds[0]);
    int st = 0;
    REQUIRE(waitpid(pid, &st, 0) == pid);
    return {st, err};
}

int64_t mono() { return rt::now(rt::Clock::Monotonic); }

// A property checked in a loop: only a failure is reported (with the case's INFO), so that the
// hundreds of thousands of passing checks do not flood the TAP output.
#define PROP(...)                                                                                  \
    do {                                                                                           \
        if (!(__VA_ARGS__)) CHECK(__VA_ARGS__);                                                    \
    } while (0)

} // namespace

TEST_CASE("property: alloc_aligned returns a block that meets the request, or nullptr only when it cannot be met") {
    std::mt19937_64 rng(14);
    for (int i = 0; i < 4000; ++i) {
        size_t size = random_size(rng), align = random_align(rng);
        void* p = rt::alloc_aligned(size, align);
        bool bad_align = align == 0 || (align & (align - 1)) != 0 || align > rt::MAX_ALLOC_ALIGN;
        INFO("size " << size << " align " << align);
        if (bad_align) {
            PROP(p == nullptr);
            continue;
        }
        // Anything up to 64 MiB fits this machine; beyond 2^47 no address space has room.
        if (size <= (size_t{64} << 20)) PROP(p != nullptr);
        if (size >= (size_t{1} << 47)) PROP(p == nullptr);
        if (!p) continue;
        PROP(reinterpret_cast<uintptr_t>(p) % align == 0);
        PROP(rt::usable_size(p) >= size);
        if (size) {
            auto b = static_cast<volatile unsigned char*>(p);
            b[0] = 1;
            b[size - 1] = 2;
        }
        rt::free(p);
    }
}

TEST_CASE("property: alloc_zeroed is nullptr exactly when n * size overflows (or cannot be met), else zeroed") {
    std::mt19937_64 rng(15);
    for (int i = 0; i < 4000; ++i) {
        size_t n = random_size(rng) >> (rng() % 40), size = random_size(rng) >> (rng() % 40);
        unsigned __int128 total = static_cast<unsigned __int128>(n) * size;
        void* p = rt::alloc_zeroed(n, size);
        INFO("n " << n << " size " << size);
        if (total > SIZE_MAX) {
            PROP(p == nullptr);
            continue;
        }
        if (total <= (64u << 20)) PROP(p != nullptr);
        if (!p) continue;
        auto b = static_cast<unsigned char*>(p);
        size_t t = static_cast<size_t>(total);
        for (size_t k = 0; k < t; k += 1 + t / 64) PROP(b[k] == 0);
        if (t) PROP(b[t - 1] == 0);
        if (t <= (64u << 10)) std::memset(p, 0xa5, t); // dirty it: a later alloc_zeroed may reuse a small block
        rt::free(p);
    }
}

TEST_CASE("property: realloc keeps the common prefix across random sizes, or fails leaving the block valid") {
    std::mt19937_64 rng(16);
    void* p = nullptr;
    size_t filled = 0; // the prefix written with the pattern (at most 1 MiB of a huge block)
    unsigned char tag = 0;
    for (int i = 0; i < 3000; ++i) {
        size_t want = rng() % 5 == 0 ? random_size(rng) : rng() % (300 << 10);
        void* q = rt::realloc(p, want);
        INFO("to " << want);
        if (!q) {
            // Refused: only a size no address space has room for; p is intact.
            PROP(want > (size_t{64} << 20));
            continue;
        }
        auto b = static_cast<unsigned char*>(q);
        size_t keep = filled < want ? filled : want;
        for (size_t k = 0; k < keep; k += 1 + keep / 128) PROP(b[k] == static_cast<unsigned char>(tag + k));
        if (keep) PROP(b[keep - 1] == static_cast<unsigned char>(tag + keep - 1));
        p = q;
        filled = want < (size_t{1} << 20) ? want : size_t{1} << 20;
        tag = static_cast<unsigned char>(rng());
        for (size_t k = 0; k < filled; ++k) b[k] = static_cast<unsigned char>(tag + k);
    }
    rt::free(p);
}

TEST_CASE("property: every kind of bad free panics with its message in a child, never faults or hangs") {
    std::mt19937_64 rng(17);
    for (int i = 0; i < 60; ++i) {
        int kind = static_cast<int>(rng() % 7);
        size_t size = rng() % 2 ? 16 + rng() % 16000 : (64 << 10) + rng() % (4 << 20);
        size_t off = 1 + rng() % 15;
        auto r = in_child([&] {
            switch (kind) {
            case 0: { // double free
                void* p = rt::alloc(size);
                rt::free(p);
                rt::free(p);
                break;
            }
            case 1: { // interior pointer
                auto p = static_cast<char*>(rt::alloc(size));
                rt::free(p + off);
                break;
            }
            case 2: { // a stack address
                char local[64];
                rt::free(local + off);
                break;
            }
            case 3: { // a page mapped on its own
                void* m = mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
                rt::free(static_cast<char*>(m) + 16 * off);
                break;
            }
            case 4: { // freed after realloc moved it
                void* p = rt::alloc(size);
                void* q = rt::realloc(p, size * 4 + 100000);
                if (q == p) raise(SIGABRT);
                rt::free(p);
                break;
            }
            case 5: { // usable_size of a freed block
                void* p = rt::alloc(size);
                rt::free(p);
                // A small block's span stays while it is its class's only one: its size is
                // still answered then; push the block out of the cache and past it.
                void* others[300];
                for (auto& o : others) o = rt::alloc(size);
                for (auto& o : others) rt::free(o);
                (void)rt::usable_size(p);
                rt::free(p);
                break;
            }
            default: { // a pointer that was never allocated, inside the heap's own range
                void* p = rt::alloc(size);
                rt::free(static_cast<char*>(p) + size + 4096 * off);
                break;
            }
            }
        });
        INFO("kind " << kind << " size " << size << " off " << off << " stderr: " << r.err);
        PROP(r.aborted());
        PROP(r.err.rfind("panic: rt::", 0) == 0);
    }
}

TEST_CASE("property: checked arithmetic agrees with 128-bit arithmetic") {
    std::mt19937_64 rng(18);
    for (int i = 0; i < 200000; ++i) {
        size_t a = random_size(rng), b = random_size(rng), out = 0;
        unsigned __int128 sum = static_cast<unsigned __int128>(a) + b, prod = static_cast<unsigned __int128>(a) * b;
        PROP(rt::checked_add(a, b, &out) == (sum <= SIZE_MAX));
        if (sum <= SIZE_MAX) PROP(out == static_cast<size_t>(sum));
        PROP(rt::checked_mul(a, b, &out) == (prod <= SIZE_MAX));
        if (prod <= SIZE_MAX) PROP(out == static_cast<size_t>(prod));
        size_t align = size_t{1} << (rng() % 64);
        unsigned __int128 up = (static_cast<unsigned __int128>(a) + align - 1) / align * align;
        PROP(rt::checked_align_up(a, align, &out) == (up <= SIZE_MAX));
        if (up <= SIZE_MAX) PROP(out == static_cast<size_t>(up));
    }
}

TEST_CASE("property: deadlines saturate, never wrap into the past") {
    std::mt19937_64 rng(19);
    for (int i = 0; i < 200000; ++i) {
        auto now = static_cast<int64_t>(rng() >> 1);
        auto ns = static_cast<int64_t>(rng());
        int64_t d = rt::Deadline::after(now, rt::Duration::nanoseconds(ns)).ns();
        __int128 exact = static_cast<__int128>(now) + ns;
        if (ns <= 0) PROP(d == now);
        else if (exact > INT64_MAX) PROP(d == rt::Deadline::never().ns());
        else PROP(d == static_cast<int64_t>(exact));
        PROP(d >= now);
    }
}

// The exact nanoseconds of `count` ticks of num/den seconds, rounded up, clamped to int64_t.
static int64_t exact_ns(__int128 count, __int128 num, __int128 den) {
    __int128 n = count * num * 1'000'000'000;
    __int128 q = n / den;
    if (n % den > 0) ++q;
    if (q > INT64_MAX) return INT64_MAX;
    if (q < INT64_MIN) return INT64_MIN;
    return static_cast<int64_t>(q);
}

TEST_CASE("property: std::chrono durations convert to rt::Duration exactly, rounding up, saturating") {
    using namespace std::chrono;
    using picos = duration<long long, std::pico>;
    using ticks = duration<long long, std::ratio<1, 3'000'000'000>>; // a third of a nanosecond
    std::mt19937_64 rng(21);
    for (int i = 0; i < 200000; ++i) {
        // Counts of every magnitude, both signs.
        auto c = static_cast<long long>(rng()) >> (rng() % 64);
        INFO("count " << c);
        PROP(rt::Duration(nanoseconds(c)).ns() == c);
        PROP(rt::Duration(microseconds(c)).ns() == exact_ns(c, 1, 1'000'000));
        PROP(rt::Duration(milliseconds(c)).ns() == exact_ns(c, 1, 1000));
        PROP(rt::Duration(seconds(c)).ns() == exact_ns(c, 1, 1));
        PROP(rt::Duration(hours(c)).ns() == exact_ns(c, 3600, 1));
        PROP(rt::Duration(picos(c)).ns() == exact_ns(c, 1, 1'000'000'000'000));
        PROP(rt::Duration(ticks(c)).ns() == exact_ns(c, 1, 3'000'000'000));
    }
    // Floating counts: rounded up, saturating, NaN as zero.
    PROP(rt::Duration(duration<double>(1.5e-9)).ns() == 2);
    PROP(rt::Duration(duration<double, std::milli>(2.25)).ns() == 2'250'000);
    PROP(rt::Duration(duration<double>(-1.0)).ns() == -1'000'000'000);
    PROP(rt::Duration(duration<double>(1e300)) == rt::Duration::max());
    PROP(rt::Duration(duration<double>(-1e300)) == rt::Duration::min());
    PROP(rt::Duration(duration<double>(std::numeric_limits<double>::quiet_NaN())) == rt::Duration::zero());
}

TEST_CASE("property: timed waits with random timeouts time out when due, and never early") {
    std::mt19937_64 rng(20);
    const int64_t extremes[] = {INT64_MIN, -1, 0, 1, 1000, INT64_MAX, INT64_MAX - 1, int64_t{1} << 62};
    for (int i = 0; i < 48; ++i) {
        int64_t ns = i < 8 ? extremes[i] : static_cast<int64_t>(rng());
        bool long_wait = ns > 200'000'000; // beyond what this test waits for
        int64_t cap = long_wait ? 0 : (ns < 0 ? 0 : ns);
        INFO("ns " << ns);
        int which = i % 3;
        rt::Semaphore sem(0);
        rt::ResetEvent ev;
        rt::Mutex m;
        rt::Condition cv;
        bool flag = false;
        // A long wait must still be waiting when the other thread posts after 30 ms; a short
        // one times out (not before its time).
        std::thread poster;
        if (long_wait)
            poster = std::thread([&] {
                std::this_thread::sleep_for(std::chrono::milliseconds(30));
                sem.post();
                ev.set();
                rt::LockGuard<rt::Mutex> g(m);
                flag = true;
                cv.broadcast();
            });
        int64_t t0 = mono();
        bool ok;
        if (which == 0) {
            ok = sem.timed_wait(rt::Duration::nanoseconds(ns)).has_value();
        } else if (which == 1) {
            ok = ev.timed_wait(rt::Duration::nanoseconds(ns)).has_value();
        } else {
            rt::LockGuard<rt::Mutex> g(m);
            ok = true;
            while (!flag) {
                if (!cv.timed_wait(m, rt::Duration::nanoseconds(ns))) {
                    ok = false;
                    break;
                }
            }
        }
        int64_t took = mono() - t0;
        if (poster.joinable()) poster.join();
        if (long_wait) {
            PROP(ok);
            PROP(took >= 25'000'000);
        } else {
            PROP(!ok);
            PROP(took >= cap);
        }
    }
}

TEST_CASE("property: format_to returns the length the text needs and never writes past the buffer") {
    std::mt19937_64 rng(21);
    for (int i = 0; i < 2000; ++i) {
        size_t cap = rng() % 300;
        char buf[320];
        std::memset(buf, 'Z', sizeof buf);
        auto v = static_cast<long long>(rng());
        size_t n = rt::format_to(buf, cap, "{}|{:x}|{}", v, static_cast<unsigned long long>(v), "end");
        char ref[128];
        int want = std::snprintf(ref, sizeof ref, "%lld|%llx|end", v, static_cast<unsigned long long>(v));
        INFO("cap " << cap << " value " << v);
        // The length the whole text needs; the buffer holds what fits, NUL-terminated.
        PROP(n == static_cast<size_t>(want));
        if (cap > 0) {
            size_t kept = n < cap - 1 ? n : cap - 1;
            PROP(std::memcmp(buf, ref, kept) == 0);
            PROP(buf[kept] == 0);
        }
        for (size_t k = cap; k < sizeof buf; ++k) PROP(buf[k] == 'Z');
    }
}
