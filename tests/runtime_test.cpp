// What start-up provides beyond main's arguments: the stack-protector canary, vDSO time,
// auxv facts, and the C++ runtime ABI (statics, new/delete, guards, pure virtuals).
// Built with -fstack-protector-strong.
#include "arch_abi.h"
#include "harness/child.h"
#include "harness/tap.h"
#include "rt/core/panic.h"
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
    bool expected = ehdr != 0 && arch::VDSO_CLOCK_GETTIME != nullptr &&
                    detail::vdso_lookup(ehdr, arch::VDSO_CLOCK_GETTIME, arch::VDSO_VERSION) != nullptr;
    CHECK_EQ(vdso_time_available(), expected);
    if (ehdr && arch::VDSO_CLOCK_GETTIME) {
        // Present: the lookup must find it at its version, and not under another name/version.
        CHECK(detail::vdso_lookup(ehdr, arch::VDSO_CLOCK_GETTIME, arch::VDSO_VERSION) != nullptr);
        CHECK(detail::vdso_lookup(ehdr, arch::VDSO_CLOCK_GETTIME, "LINUX_0.0") == nullptr);
        CHECK(detail::vdso_lookup(ehdr, "__vdso_no_such_function", arch::VDSO_VERSION) == nullptr);
    }
    CHECK(detail::vdso_lookup(0, "x", "y") == nullptr);
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
