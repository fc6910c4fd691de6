// What start-up provides beyond main's arguments: the stack-protector canary, vDSO time,
// auxv facts, and the C++ runtime ABI (statics, new/delete, guards, pure virtuals).
// Built with -fstack-protector-strong.
#include "arch_abi.h"
#include "harness/child.h"
#include "harness/seccomp.h"
#include "harness/tap.h"
#include "rt/core/panic.h"
#include "rt/core/elf.h"
#include "rt/cxx/new.h"
#include "rt/start/process.h"
#include "rt/sys/fd.h"
#include "rt/sys/mem.h"
#include "rt/sys/process.h"
#include "rt/sys/time.h"
#include "rt/tls/tcb.h"
#include "rt/time/clock.h"
#include "uapi.h"

extern "C" uintptr_t __stack_chk_guard;
extern "C" int __cxa_guard_acquire(uint64_t*);
extern "C" void __cxa_guard_release(uint64_t*);
extern "C" void __cxa_guard_abort(uint64_t*);
extern "C" void __cxa_pure_virtual();

using namespace rt;
using rt::test::in_child;
using rt::test::in_child_stderr;
using rt::test::starts_with;

namespace {

[[gnu::noinline]] void smash(size_t n) {
    char buf[16];
    // Writes past the end of buf through a count the compiler cannot see through.
    char* p = buf;
    asm volatile("" : "+r"(n), "+r"(p)); // the compiler cannot bound the loop by buf's size
    for (size_t i = 0; i < n; ++i) p[i] = 'x';
    asm volatile("" : : "r"(buf) : "memory");
}

int g_static_inits;
int& counted_static() {
    static int value = ++g_static_inits + 41; // a function-local static with dynamic init
    return value;
}

struct Base {
    virtual int f() = 0;
    virtual ~Base() = default;
};
struct Derived : Base {
    int v = 5;
    int f() override { return v; }
};
int g_dtor_runs;
struct alignas(4096) Aligned4096Holder {
    char data[10];
};
// More than any address space can hold (half of it fits in a 32-bit process's 4 GiB), yet far
// enough below SIZE_MAX that page_alloc's header and page rounding do not wrap: mmap must fail.
// Volatile, so that GCC does not warn that it exceeds the largest object size (PTRDIFF_MAX).
const volatile size_t TOO_BIG = ~size_t{0} - (size_t{1} << 20);
struct Tracked {
    int x;
    explicit Tracked(int v) : x(v) {}
    ~Tracked() { ++g_dtor_runs; }
};

} // namespace

TEST("the canary is set from AT_RANDOM, non-zero, with a zero first byte, in the TCB too") {
    uintptr_t c = __stack_chk_guard;
    CHECK(c != 0);
    CHECK_EQ(static_cast<int>(reinterpret_cast<const unsigned char*>(&c)[0]), 0);
    CHECK_EQ(detail::current_tcb()->canary, c);
    auto r = random_bytes();
    REQUIRE(r != nullptr);
    bool from_random = true;
    for (size_t i = 1; i < sizeof c; ++i) from_random &= reinterpret_cast<const unsigned char*>(&c)[i] == r[i];
    CHECK(from_random);
}

TEST("a smashed stack buffer kills the process with SIGABRT") {
    smash(4); // within bounds: harmless
    char err[256];
    auto st = in_child_stderr([] {
        smash(64);
        return 0;
    }, err);
    CHECK(st.signaled());
    CHECK_EQ(st.term_signal(), static_cast<int>(sys::sig::ABRT));
    CHECK(starts_with(err, "panic: stack smashing detected"));
}

TEST("rt::now reads every clock; monotonic never goes back; realtime agrees with the syscall") {
    int64_t a = now(Clock::Monotonic), b = now(Clock::Monotonic);
    CHECK(a > 0 && b >= a);
    auto sys_rt = sys::clock_gettime(sys::clock::REALTIME);
    REQUIRE(sys_rt);
    int64_t rt_ns = now(Clock::Realtime);
    int64_t sys_ns = sys_rt->sec * 1'000'000'000 + sys_rt->nsec;
    CHECK(rt_ns - sys_ns >= 0 && rt_ns - sys_ns < 1'000'000'000);
    CHECK(rt_ns > int64_t{1577836800} * 1'000'000'000); // after 2020: 64-bit seconds
    CHECK(now(Clock::Boottime) >= now(Clock::Monotonic) - 1'000'000'000);
    CHECK(now(Clock::ProcessCpu) > 0);
    CHECK(now(Clock::ThreadCpu) > 0);
}

TEST("the vDSO clock_gettime is used when the kernel maps one the ABI can call") {
    unsigned long ehdr = auxv(sys::auxv::SYSINFO_EHDR);
    void* f = ehdr ? detail::vdso_lookup(ehdr, arch::VDSO_CLOCK_GETTIME ? arch::VDSO_CLOCK_GETTIME : "", arch::VDSO_VERSION)
                   : nullptr;
    if (ehdr && arch::VDSO_CLOCK_GETTIME && !test::under_emulator()) {
        // A kernel's vDSO (every kernel bedrock was run on, docs/kernels.md, has the ABI's
        // symbol: its first version is the ABI's minimum for vDSO time there).
        CHECK(f != nullptr);
    }
    CHECK_EQ(vdso_time_available(), f != nullptr && arch::VDSO_CLOCK_GETTIME != nullptr);
    rt::print("# vDSO clock: {}\n", f ? arch::VDSO_CLOCK_GETTIME : ehdr ? "none in the vDSO" : "no vDSO mapped");
    if (f) {
        // Found at its version only, and no other name is.
        CHECK(detail::vdso_lookup(ehdr, arch::VDSO_CLOCK_GETTIME, "LINUX_0.0") == nullptr);
        CHECK(detail::vdso_lookup(ehdr, "__vdso_no_such_function", arch::VDSO_VERSION) == nullptr);
    }
    CHECK(detail::vdso_lookup(0, "x", "y") == nullptr);
}

namespace {
// clock_gettime in every form the ABI has.
template <class S = sys::Sys> int clock_gettime_nrs(uint32_t* nrs) {
    int n = 0;
    if constexpr (requires { S::clock_gettime; }) nrs[n++] = static_cast<uint32_t>(S::clock_gettime);
    if constexpr (requires { S::clock_gettime64; }) nrs[n++] = static_cast<uint32_t>(S::clock_gettime64);
    return n;
}
// True where the *_time64 syscalls answer ENOSYS (a kernel before 5.1, or a filter for one).
template <class S = sys::Sys> bool time64_missing() {
    if constexpr (requires { S::clock_gettime64; }) {
        sys::Timespec ts{};
        auto r = sys::syscall<void>(S::clock_gettime64, sys::clock::MONOTONIC, &ts);
        return !r && r.error() == Errno::NOSYS;
    }
    return false;
}
int64_t syscall_ns(int clock) {
    auto t = sys::clock_gettime(clock);
    return t ? t->sec * 1'000'000'000 + t->nsec : -1;
}
} // namespace

namespace {
// The addresses of the vDSO's code: its PT_LOAD segments, placed as the ELF header is.
bool vdso_extent(unsigned long ehdr, uint64_t* lo, uint64_t* hi) {
    auto eh = reinterpret_cast<const elf::Ehdr*>(ehdr);
    auto ph = reinterpret_cast<const elf::Phdr*>(ehdr + eh->phoff);
    uint64_t first = ~uint64_t{0}, end = 0;
    for (unsigned i = 0; i < eh->phnum; ++i) {
        if (ph[i].type != elf::PT_LOAD) continue;
        if (ph[i].vaddr - ph[i].offset < first) first = ph[i].vaddr - ph[i].offset;
        if (ph[i].vaddr + ph[i].memsz > end) end = ph[i].vaddr + ph[i].memsz;
    }
    if (end == 0) return false;
    *lo = ehdr;
    *hi = ehdr + (end - first);
    return true;
}

// Reads both clocks through rt::now in a child whose clock_gettime syscalls fail with EPERM
// unless the vDSO's code makes them (outside_vdso_only) or always; the readings come back
// through a pipe. The child's exit status: 0, or 2 where the filter did not take.
sys::WaitStatus now_under_filter(bool outside_vdso_only, uint64_t lo, uint64_t hi, int64_t (&t)[2]) {
    int fds[2];
    if (!sys::pipe2(fds, 0)) return sys::WaitStatus{-1};
    auto st = in_child([&] {
        (void)sys::close(fds[0]);
        uint32_t nrs[2];
        int n = clock_gettime_nrs(nrs);
        bool set = outside_vdso_only ? test::deny_syscalls_outside(nrs, n, lo, hi, Errno::PERM)
                                     : test::deny_syscalls(nrs, n, Errno::PERM);
        if (!set) return 77;
        if (sys::clock_gettime(sys::clock::MONOTONIC).error() != Errno::PERM) return 2;
        int64_t r[2] = {now(Clock::Monotonic), now(Clock::Realtime)};
        return sys::write(fds[1], r, sizeof r) ? 0 : 3;
    });
    (void)sys::close(fds[1]);
    auto r = sys::read(fds[0], t, sizeof t);
    (void)sys::close(fds[0]);
    if (st.exited() && st.exit_code() == 0 && !(r && *r == sizeof t)) return sys::WaitStatus{-2};
    return st;
}
} // namespace

TEST("through the vDSO: rt::now makes no syscall of its own and agrees with the syscall's clock") {
    unsigned long ehdr = auxv(sys::auxv::SYSINFO_EHDR);
    if (!vdso_time_available()) {
        // No vDSO clock: QEMU user mode maps no vDSO (linux-user/elfload.c, QEMU 7.2), and some
        // ABIs' vDSOs have no clock with 64-bit seconds (arch_abi.h: VDSO_CLOCK_GETTIME). The
        // previous case fails where a real kernel's vDSO should have served.
        CHECK(test::under_emulator() || arch::VDSO_CLOCK_GETTIME == nullptr || ehdr == 0);
        return;
    }
    if (time64_missing()) {
        // Standing in for a kernel before 5.1 (scripts/kernel's time32 pass): that kernel's
        // vDSO has no 64-bit-time clock either, so rt::now takes the syscalls; only what this
        // kernel's vDSO does when its own fallback syscall fails is left to see: rt::now still
        // reads the clock.
        int64_t a = syscall_ns(sys::clock::MONOTONIC), b = now(Clock::Monotonic), c = syscall_ns(sys::clock::MONOTONIC);
        CHECK(a <= b && b <= c);
        return;
    }
    uint64_t lo = 0, hi = 0;
    REQUIRE(vdso_extent(ehdr, &lo, &hi));
    int64_t before[2] = {syscall_ns(sys::clock::MONOTONIC), syscall_ns(sys::clock::REALTIME)};
    int64_t t[2] = {};
    // A syscall of rt::now's own fails (and it would panic); one the vDSO makes because the
    // kernel's clock source cannot be read from user space runs (its fallback, not rt's).
    auto st = now_under_filter(true, lo, hi, t);
    int64_t after[2] = {syscall_ns(sys::clock::MONOTONIC), syscall_ns(sys::clock::REALTIME)};
    CHECK(st.exited());
    CHECK_EQ(st.exit_code(), 0);
    // The same clocks: each vDSO reading lies between the syscall's readings around it.
    CHECK(before[0] <= t[0] && t[0] <= after[0]);
    CHECK(before[1] <= t[1] && t[1] <= after[1]);
    // Whether the vDSO read the clock in user space (it cannot with every clock source, e.g.
    // x86's hpet or acpi_pm under full-system emulation): reported, not required.
    st = now_under_filter(false, lo, hi, t);
    rt::print("# the vDSO read the clocks {}\n",
              st.exited() && st.exit_code() == 0 ? "without any syscall" : "through the kernel's fallback syscall");
}

TEST("page size, hwcap, platform and execfn come from auxv") {
    CHECK_EQ(page_size(), static_cast<size_t>(auxv(sys::auxv::PAGESZ)));
    CHECK(page_size() >= arch::MIN_PAGE_SIZE);
    CHECK(execfn() != nullptr);
    CHECK_EQ(hwcap(), auxv(sys::auxv::HWCAP));
    CHECK(platform() == reinterpret_cast<const char*>(auxv(sys::auxv::PLATFORM)));
}

TEST("a function-local static is initialized exactly once") {
    CHECK_EQ(counted_static(), 42);
    CHECK_EQ(counted_static(), 42);
    CHECK_EQ(g_static_inits, 1);
}

TEST("__cxa_guard: acquire, abort lets the next caller retry, release makes it done") {
    alignas(8) uint64_t guard = 0;
    CHECK_EQ(__cxa_guard_acquire(&guard), 1);
    __cxa_guard_abort(&guard);
    CHECK_EQ(static_cast<int>(reinterpret_cast<unsigned char*>(&guard)[0]), 0);
    CHECK_EQ(__cxa_guard_acquire(&guard), 1);
    __cxa_guard_release(&guard);
    CHECK_EQ(static_cast<int>(reinterpret_cast<unsigned char*>(&guard)[0]), 1);
    CHECK_EQ(__cxa_guard_acquire(&guard), 0);
}

TEST("new and delete in every form") {
    auto* d = new Derived;
    Base* b = d;
    CHECK_EQ(b->f(), 5);
    delete b;
    int* arr = new int[1000];
    for (int i = 0; i < 1000; ++i) arr[i] = i;
    CHECK_EQ(arr[999], 999);
    delete[] arr;
    auto* big = new Aligned4096Holder;
    CHECK((reinterpret_cast<uintptr_t>(big) & 4095) == 0);
    delete big;
    void* raw = ::operator new(100, std::align_val_t{256});
    CHECK((reinterpret_cast<uintptr_t>(raw) & 255) == 0);
    ::operator delete(raw, std::align_val_t{256});
    void* volatile none = ::operator new(TOO_BIG, std::nothrow);
    CHECK(none == nullptr);
    g_dtor_runs = 0;
    auto* t = new (std::nothrow) Tracked[3]{Tracked(1), Tracked(2), Tracked(3)};
    REQUIRE(t != nullptr);
    CHECK_EQ(t[2].x, 3);
    delete[] t;
    CHECK_EQ(g_dtor_runs, 3);
    alignas(Tracked) unsigned char storage[sizeof(Tracked)];
    auto* p = new (storage) Tracked(9); // placement new
    CHECK_EQ(p->x, 9);
    p->~Tracked();
}

TEST("throwing new out of memory, a foreign delete and a pure virtual call panic") {
    char err[256];
    auto st = in_child_stderr([] {
        void* volatile p = ::operator new(TOO_BIG);
        asm volatile("" : : "r"(p) : "memory"); // keep the allocation from being elided
        return p ? 0 : 1;
    }, err);
    CHECK(st.signaled() && st.term_signal() == static_cast<int>(sys::sig::ABRT));
    CHECK(starts_with(err, "panic: operator new: out of memory"));
    st = in_child_stderr([] {
        // A pointer into memory rt::alloc never handed out (the middle of a fresh mapping).
        auto m = sys::mmap(nullptr, 256 * 1024, sys::prot::READ | sys::prot::WRITE,
                           sys::map::PRIVATE | sys::map::ANONYMOUS);
        void* p = static_cast<char*>(*m) + 128 * 1024 + 48;
        asm volatile("" : "+r"(p)); // hide its origin from the compiler's own check
        ::operator delete(p);
        return 0;
    }, err);
    CHECK(st.signaled() && st.term_signal() == static_cast<int>(sys::sig::ABRT));
    CHECK(starts_with(err, "panic: rt::free: pointer not from rt::alloc"));
    st = in_child_stderr([] {
        __cxa_pure_virtual();
        return 0;
    }, err);
    CHECK(starts_with(err, "panic: pure virtual function called"));
}
