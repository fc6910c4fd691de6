// rt::alloc on every ABI: sizes across every class and beyond, alignment, no overlap, contents
// kept, realloc, memory given back, bad frees caught.
#include "harness/child.h"
#include "harness/tap.h"
#include "rt/mem/alloc.h"
#include "rt/start/process.h"
#include "rt/sys/fd.h"
#include "rt/sys/mem.h"
#include "rt/sys/process.h"
#include "rt/sys/resource.h"
#include "rt/sys/signal.h"
#include "rt/thread/this_thread.h"
#include "rt/thread/thread.h"
#include "rt/time/clock.h"
#include "uapi.h"

using namespace rt;
using namespace rt::literals;
using rt::test::in_child_stderr;
using rt::test::starts_with;

namespace {
uint32_t g_rng = 12345;
uint32_t next() {
    g_rng ^= g_rng << 13;
    g_rng ^= g_rng >> 17;
    g_rng ^= g_rng << 5;
    return g_rng;
}

// Fills a block with bytes derived from its id; checks them later.
void fill(void* p, size_t n, uint32_t id) {
    auto b = static_cast<unsigned char*>(p);
    for (size_t i = 0; i < n; ++i) b[i] = static_cast<unsigned char>(id * 131 + i);
}
bool intact(const void* p, size_t n, uint32_t id) {
    auto b = static_cast<const unsigned char*>(p);
    for (size_t i = 0; i < n; ++i)
        if (b[i] != static_cast<unsigned char>(id * 131 + i)) return false;
    return true;
}

} // namespace

TEST("blocks of every size keep their contents and never overlap") {
    constexpr int N = 600;
    static void* ptrs[N];
    static size_t sizes[N];
    for (int i = 0; i < N; ++i) {
        sizes[i] = (i % 3 == 0) ? next() % 40000 : next() % 300; // small classes and large blocks
        ptrs[i] = alloc(sizes[i]);
        REQUIRE(ptrs[i] != nullptr);
        CHECK(usable_size(ptrs[i]) >= sizes[i]);
        fill(ptrs[i], sizes[i], i);
    }
    bool ok = true;
    for (int i = 0; i < N; ++i) ok &= intact(ptrs[i], sizes[i], i);
    CHECK(ok);
    // Free every other block, reallocate, check again.
    for (int i = 0; i < N; i += 2) free(ptrs[i]);
    for (int i = 0; i < N; i += 2) {
        ptrs[i] = alloc(sizes[i]);
        REQUIRE(ptrs[i] != nullptr);
        fill(ptrs[i], sizes[i], i + 7);
    }
    ok = true;
    for (int i = 0; i < N; ++i) ok &= intact(ptrs[i], sizes[i], (i % 2 == 0) ? i + 7 : i);
    CHECK(ok);
    for (int i = 0; i < N; ++i) free(ptrs[i]);
}

TEST("alignments from 1 to 32768 are honoured; larger ones are refused") {
    bool ok = true;
    for (size_t align = 1; align <= MAX_ALLOC_ALIGN; align <<= 1) {
        static const size_t SIZES[] = {1, 24, 100, 5000, 70000};
        for (size_t size : SIZES) {
            void* p = alloc_aligned(size, align);
            ok &= p != nullptr && (reinterpret_cast<uintptr_t>(p) & (align - 1)) == 0;
            fill(p, size, 3);
            ok &= intact(p, size, 3);
            free(p);
        }
    }
    CHECK(ok);
    CHECK(alloc_aligned(16, 2 * MAX_ALLOC_ALIGN) == nullptr);
    // A 32 KiB-aligned large block is found by free and usable_size (its address rounds down
    // to its mapping's header).
    void* big = alloc_aligned(100000, MAX_ALLOC_ALIGN);
    CHECK(big != nullptr && reinterpret_cast<uintptr_t>(big) % MAX_ALLOC_ALIGN == 0 && usable_size(big) >= 100000);
    free(big);
    CHECK(alloc_aligned(16, 48) == nullptr);
}

TEST("alloc(0) gives distinct pointers; alloc_zeroed zeroes reused memory and checks overflow") {
    void* a = alloc(0);
    void* b = alloc(0);
    CHECK(a != nullptr && b != nullptr && a != b);
    free(a);
    free(b);
    void* dirty = alloc(64);
    fill(dirty, 64, 9);
    free(dirty);
    auto z = static_cast<unsigned char*>(alloc_zeroed(8, 8));
    REQUIRE(z != nullptr);
    bool zero = true;
    for (int i = 0; i < 64; ++i) zero &= z[i] == 0;
    CHECK(zero);
    free(z);
    CHECK(alloc_zeroed(~size_t{0} / 2, 4) == nullptr);
    free(nullptr);
}

TEST("realloc keeps the contents when growing and shrinking, across small and large") {
    void* p = alloc(10);
    fill(p, 10, 5);
    p = realloc(p, 1000);
    REQUIRE(p != nullptr);
    CHECK(intact(p, 10, 5));
    fill(p, 1000, 6);
    p = realloc(p, 100000);
    REQUIRE(p != nullptr);
    CHECK(intact(p, 1000, 6));
    p = realloc(p, 50);
    REQUIRE(p != nullptr);
    CHECK(intact(p, 50, 6));
    void* q = realloc(nullptr, 30);
    CHECK(q != nullptr);
    free(q);
    free(p);
}

TEST("realloc shrinks a large block that drops below half its size") {
    auto big = static_cast<unsigned char*>(alloc(1 << 20));
    REQUIRE(big != nullptr);
    for (int i = 0; i < 3000; ++i) big[i] = static_cast<unsigned char>(i * 7);
    auto same = static_cast<unsigned char*>(realloc(big, (1 << 20) - 4096));
    CHECK(same == big); // still more than half: kept
    auto small = static_cast<unsigned char*>(realloc(same, 3000));
    REQUIRE(small != nullptr);
    CHECK(usable_size(small) < (1 << 19));
    bool intact = true;
    for (int i = 0; i < 3000; ++i) intact &= small[i] == static_cast<unsigned char>(i * 7);
    CHECK(intact);
    free(small);
}

TEST("an impossible size fails with nullptr, not a crash") {
    CHECK(alloc(~size_t{0}) == nullptr);
    CHECK(alloc(~size_t{0} - 100000) == nullptr);
    void* p = alloc(100);
    CHECK(realloc(p, ~size_t{0} - 100000) == nullptr);
    free(p); // still valid after the failed realloc
    // Aligned requests near SIZE_MAX: no power-of-two round-up may wrap (it looped forever).
    const size_t aligns[] = {32, 64, 4096}, below_max[] = {0, 1, 4095, 65536};
    for (size_t align : aligns)
        for (size_t k : below_max) CHECK(alloc_aligned(~size_t{0} - k, align) == nullptr);
    CHECK(alloc_zeroed(~size_t{0} / 2 + 1, 2) == nullptr);
    CHECK(alloc_zeroed(2, ~size_t{0} / 2 + 1) == nullptr);
}

TEST("fork while other threads allocate: the child allocates and frees") {
    // The workers refill and flush their caches all the time (each under its shard's lock) and
    // leave blocks in shared slots; each child frees those (flushing them to the workers'
    // shards) and allocates (refilling from its own). A shard lock held at the fork by a thread
    // the child does not have would hang it.
    constexpr int WORKERS = 6, SLOTS = 512;
    static void* slots[SLOTS];
    int stop = 0;
    Thread workers[WORKERS];
    for (int n = 0; n < WORKERS; ++n) {
        auto t = Thread::spawn([&stop, n] {
            void* burst[300];
            for (unsigned i = 0; !__atomic_load_n(&stop, __ATOMIC_RELAXED); ++i) {
                size_t size = 16 + ((i + static_cast<unsigned>(n)) * 40) % 2000;
                for (auto& p : burst) p = alloc(size);
                for (auto& p : burst) {
                    void* old = __atomic_exchange_n(&slots[(i * 7 + reinterpret_cast<uintptr_t>(&p)) % SLOTS], p, __ATOMIC_ACQ_REL);
                    free(old);
                }
            }
        });
        REQUIRE(t);
        workers[n] = rt::move(*t);
    }
    int hung = 0, failed = 0;
    // 100 rounds where forks are cheap; at least 20 where they are not (full-system emulation
    // takes ~0.25 s a fork with these threads running).
    int64_t first = now(Clock::Monotonic);
    for (int round = 0; round < 100 && hung == 0 && (round < 20 || now(Clock::Monotonic) - first < 2'000'000'000);
         ++round) {
        auto pid = rt::fork();
        REQUIRE(pid);
        if (*pid == 0) {
            for (auto& slot : slots) free(__atomic_exchange_n(&slot, nullptr, __ATOMIC_ACQ_REL));
            void* blocks[256];
            for (int i = 0; i < 256; ++i) {
                blocks[i] = alloc(16 + (static_cast<size_t>(i) * 131) % 17000);
                if (!blocks[i]) sys::exit_group(2);
            }
            for (void* b : blocks) free(b);
            sys::exit_group(0);
        }
        int64_t t0 = now(Clock::Monotonic);
        sys::WaitStatus st{0};
        for (;;) {
            auto w = sys::wait4(*pid, &st, sys::wait::NOHANG);
            if (w && *w == *pid) break;
            if (now(Clock::Monotonic) - t0 > 10'000'000'000) {
                (void)sys::kill(*pid, sys::sig::KILL);
                (void)sys::wait4(*pid, &st);
                ++hung;
                break;
            }
            sleep(1_ms);
        }
        if (!st.exited() || st.exit_code() != 0) ++failed;
    }
    __atomic_store_n(&stop, 1, __ATOMIC_RELAXED);
    for (auto& w : workers) w.join();
    // Freed by a thread of their own, whose cache goes back to the spans when it exits: the
    // main thread's cache stays as the later cases expect it.
    auto cleaner = Thread::spawn([] {
        for (auto& slot : slots) free(slot);
    });
    REQUIRE(cleaner);
    cleaner->join();
    CHECK_EQ(hung, 0);
    CHECK_EQ(failed, 0);
}

TEST("large blocks and emptied spans go back to the kernel") {
    // A large block is its own mapping: after free, touching it faults (checked in a child).
    char err[256];
    auto st = in_child_stderr([] {
        auto p = static_cast<volatile char*>(alloc(1 << 20));
        p[100] = 1;
        free(const_cast<char*>(p));
        p[100] = 2;
    }, err);
    CHECK(st.signaled());
    CHECK_EQ(st.term_signal(), static_cast<int>(sys::sig::SEGV));
    // Many small blocks of one class spread over many spans, then all freed in order: every
    // span that empties while its class has another one is unmapped, so the first block's
    // span is gone (touching it faults).
    static void* blocks[4000];
    for (auto& b : blocks) b = alloc(2000);
    void* first = blocks[0];
    for (auto& b : blocks) free(b);
    st = in_child_stderr([&] { *static_cast<volatile char*>(first) = 1; }, err);
    CHECK(st.signaled());
    CHECK_EQ(st.term_signal(), static_cast<int>(sys::sig::SEGV));
}

TEST("double free and foreign pointers panic with a message") {
    char err[256];
    auto st = in_child_stderr([] {
        void* p = alloc(40);
        free(p);
        free(p);
    }, err);
    CHECK(st.signaled() && st.term_signal() == static_cast<int>(sys::sig::ABRT));
    CHECK(starts_with(err, "panic: rt::free: block freed twice"));
    st = in_child_stderr([] {
        auto m = sys::mmap(nullptr, 256 * 1024, sys::prot::READ | sys::prot::WRITE,
                           sys::map::PRIVATE | sys::map::ANONYMOUS);
        free(static_cast<char*>(*m) + 128 * 1024 + 32);
    }, err);
    CHECK(st.signaled() && st.term_signal() == static_cast<int>(sys::sig::ABRT));
    CHECK(starts_with(err, "panic: rt::free: pointer not from rt::alloc"));
    st = in_child_stderr([] {
        auto p = static_cast<char*>(alloc(64));
        free(p + 8);
    }, err);
    CHECK(starts_with(err, "panic: rt::free: pointer into the middle of a block"));
    st = in_child_stderr([] {
        // A block boundary of a live span, far beyond what the span has handed out so far.
        auto p = static_cast<char*>(alloc(48));
        free(p + 48 * 1000);
    }, err);
    CHECK(starts_with(err, "panic: rt::free: pointer not from rt::alloc (a block never handed out)"));
    st = in_child_stderr([] {
        // Freed, then pushed out of the thread's cache into its span by many more frees: the
        // second free is still caught there.
        static void* blocks[200];
        for (auto& b : blocks) b = alloc(24);
        for (auto& b : blocks) free(b);
        free(blocks[0]);
    }, err);
    CHECK(starts_with(err, "panic: rt::free: block freed twice"));
}

TEST("large blocks: a double, interior or foreign free panics before anything is read or unmapped") {
    char err[256];
    const char* not_ours = "panic: rt::free: pointer not from rt::alloc (or its block was freed twice)";
    auto is_abort = [](sys::WaitStatus st) { return st.signaled() && st.term_signal() == static_cast<int>(sys::sig::ABRT); };
    // Freed twice: the mapping is gone, so its header cannot be read.
    auto st = in_child_stderr([] {
        void* p = alloc(1 << 20);
        free(p);
        free(p);
    }, err);
    CHECK(is_abort(st));
    CHECK(starts_with(err, not_ours));
    // Interior pointers: into the first 64 KiB (where the header's chunk is) and beyond it.
    st = in_child_stderr([] {
        auto p = static_cast<char*>(alloc(1 << 20));
        free(p + 16);
    }, err);
    CHECK(is_abort(st));
    CHECK(starts_with(err, "panic: rt::free: pointer into the middle of a block"));
    st = in_child_stderr([] {
        auto p = static_cast<char*>(alloc(1 << 20));
        free(p + 300 * 1024);
    }, err);
    CHECK(is_abort(st));
    CHECK(starts_with(err, not_ours));
    // An interior pointer is refused without unmapping: the block stays usable.
    st = in_child_stderr([]() -> int {
        auto p = static_cast<char*>(alloc_aligned(200 * 1024, 4096));
        p[0] = 7;
        auto q = rt::fork();
        if (!q) return 3;
        if (*q == 0) {
            free(p + 4096); // the 64 KiB chunk of the header, but not the block's start
            sys::exit_group(0);
        }
        sys::WaitStatus w{0};
        (void)sys::wait4(*q, &w);
        if (!(w.signaled() && w.term_signal() == static_cast<int>(sys::sig::ABRT))) return 4;
        p[200 * 1024 - 1] = 1;
        int kept = p[0] == 7 ? 0 : 5;
        free(p);
        return kept;
    }, err);
    CHECK_EQ(st.raw, 0);
    // usable_size and realloc check the same way.
    st = in_child_stderr([] {
        void* p = alloc(1 << 20);
        free(p);
        (void)usable_size(p);
    }, err);
    CHECK(is_abort(st));
    CHECK(starts_with(err, "panic: rt::usable_size: pointer not from rt::alloc"));
    st = in_child_stderr([] {
        auto p = static_cast<char*>(alloc(1 << 20));
        (void)realloc(p + 64, 10);
    }, err);
    CHECK(is_abort(st));
    CHECK(starts_with(err, "panic: rt::usable_size: pointer not from rt::alloc (or into the middle of a block)"));
}

TEST("foreign pointers whose 64 KiB chunk is unmapped or a guard page panic, not fault") {
    char err[256];
    const char* not_ours = "panic: rt::free: pointer not from rt::alloc (or its block was freed twice)";
    // A page mapped alone, with nothing mapped at the 64 KiB boundary below it.
    auto st = in_child_stderr([] {
        size_t page = page_size();
        auto m = sys::mmap(nullptr, 256 * 1024, sys::prot::READ | sys::prot::WRITE, sys::map::PRIVATE | sys::map::ANONYMOUS);
        auto base = reinterpret_cast<uintptr_t>(*m);
        uintptr_t chunk = (base + 65535) & ~uintptr_t{65535};
        auto keep = reinterpret_cast<char*>(chunk + page);
        (void)sys::munmap(*m, keep - static_cast<char*>(*m));
        (void)sys::munmap(keep + page, base + 256 * 1024 - reinterpret_cast<uintptr_t>(keep + page));
        free(keep + 32);
    }, err);
    CHECK(st.signaled() && st.term_signal() == static_cast<int>(sys::sig::ABRT));
    CHECK(starts_with(err, not_ours));
    // A thread's own stack (its chunk may be the block's guard page or its TLS).
    st = in_child_stderr([] {
        auto t = Thread::spawn([] {
            volatile char local[64] = {};
            free(const_cast<char*>(&local[0]));
        });
        if (t) t->join();
    }, err);
    CHECK(st.signaled() && st.term_signal() == static_cast<int>(sys::sig::ABRT));
    CHECK(starts_with(err, not_ours));
    // A small block freed again after its span went back to the kernel.
    st = in_child_stderr([] {
        static void* blocks[4000];
        for (auto& b : blocks) b = alloc(2000);
        for (auto& b : blocks) free(b);
        free(blocks[0]);
    }, err);
    CHECK(st.signaled() && st.term_signal() == static_cast<int>(sys::sig::ABRT));
    CHECK(starts_with(err, not_ours));
}

TEST("a freed large block's addresses are not handed out again at once: a stale free panics") {
    char err[256];
    auto st = in_child_stderr([]() -> int {
        void* p = alloc(1 << 20);
        free(p);
        // The kernel gives the highest free gap to the next mapping: without the reservation
        // this would be p again, and the free below would free q.
        void* q = alloc(1 << 20);
        if (q == p) return 3;
        static_cast<char*>(q)[0] = 1;
        free(p);
        return 4;
    }, err);
    CHECK(st.signaled() && st.term_signal() == static_cast<int>(sys::sig::ABRT));
    CHECK(starts_with(err, "panic: rt::free: pointer not from rt::alloc (or its block was freed twice)"));
}

namespace {
// The process's mapped bytes (/proc/self/statm's first field, in pages).
size_t mapped_bytes() {
    auto fd = sys::openat(static_cast<int>(sys::at::FDCWD), "/proc/self/statm", sys::o::RDONLY | sys::o::CLOEXEC);
    if (!fd) return 0;
    char buf[128];
    auto n = sys::read(*fd, buf, sizeof buf - 1);
    (void)sys::close(*fd);
    if (!n) return 0;
    size_t pages = 0;
    for (size_t i = 0; i < *n && buf[i] >= '0' && buf[i] <= '9'; ++i) pages = pages * 10 + static_cast<size_t>(buf[i] - '0');
    return pages * page_size();
}
} // namespace

TEST("reserved addresses of freed large blocks are given back when the address space runs out") {
    auto st = rt::test::in_child([]() -> int {
        size_t before = mapped_bytes();
        if (before == 0) return 11;
        // 8 freed blocks of 8 MiB: 64 MiB of reserved addresses, then room for 12 MiB more
        // than before them.
        void* blocks[8];
        for (auto& b : blocks)
            if (!(b = alloc(8 << 20))) return 10;
        for (auto& b : blocks) free(b);
        sys::Rlimit lim{before + (12 << 20), before + (12 << 20)};
        if (!sys::prlimit(0, sys::rlimit::AS, &lim, nullptr)) return 12;
        // QEMU's user mode accepts RLIMIT_AS but does not apply it.
        if (auto m = sys::mmap(nullptr, 16 << 20, sys::prot::READ | sys::prot::WRITE, sys::map::PRIVATE | sys::map::ANONYMOUS)) {
            (void)sys::munmap(*m, 16 << 20);
            return 77;
        }
        void* p = alloc(8 << 20);
        if (!p) return 13;
        static_cast<char*>(p)[(8 << 20) - 1] = 1;
        free(p);
        return 0;
    });
    if (st.exited() && st.exit_code() == 77 && rt::test::under_emulator()) {
        rt::test::skip("QEMU user mode does not apply RLIMIT_AS (linux-user/syscall.c), so the address space cannot be made to run out");
        return;
    }
    CHECK(st.exited());
    CHECK_EQ(st.exit_code(), 0);
}
