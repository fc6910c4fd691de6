// Atomic builtins on every integer width, whatever each compiler makes of them on this ABI:
// inline instructions, aarch64's outline helpers (__aarch64_*, with their _sync forms for
// __sync_*), or library calls (__atomic_*_N, __sync_*_N, the generic __atomic_* on any size:
// rt/builtins/atomic.cpp). docs/abi.md, "Atomic library calls", lists which is which.
// Every result is checked against plain arithmetic, neighbouring memory against overwrites,
// and the thread cases against lost updates; one mixes inline operations and library calls
// on the same counter, which only adds up if the library uses the compiler's own instructions
// (and __atomic_is_lock_free tells which way the library takes, deterministically).
#include <stddef.h>
#include <stdint.h>

#include "harness/tap.h"
#include "rt/thread/thread.h"

// The legacy nand's meaning changed in GCC 4.4, library calls for big atomics are slow, and
// __sync_* on a type the ABI aligns below its size (uint64_t on i386) needs the object aligned:
// the compilers say so for every use. Known, and what is tested here (GCC's nand note is
// turned off in tests/meson.build: it ignores the pragma).
#if defined(__clang__)
#pragma clang diagnostic ignored "-Wsync-fetch-and-nand-semantics-changed"
#pragma clang diagnostic ignored "-Watomic-alignment"
#pragma clang diagnostic ignored "-Wsync-alignment"
#endif

using namespace rt;

namespace {

#if defined(__SIZEOF_INT128__)
using u128 = unsigned __int128;
#endif

// A value with every byte set to b, and one whose bytes all differ (so that a byte stored to
// the wrong place shows).
template <class T> constexpr T fill(unsigned char b) {
    T v = 0;
    for (size_t i = 0; i < sizeof(T); ++i) v = static_cast<T>(static_cast<T>(v << 8) | b);
    return v;
}
template <class T> constexpr T distinct() {
    T v = 0;
    for (size_t i = 0; i < sizeof(T); ++i) v = static_cast<T>(static_cast<T>(v << 8) | static_cast<unsigned char>(0x11 * (i + 1) + 3));
    return v;
}

// The object between two guards of its own type, naturally aligned (16-byte types included,
// whatever the ABI aligns __int128 to).
template <class T> struct alignas(sizeof(T)) Boxed {
    T before, v, after;
};
template <class T> constexpr T GUARD = fill<T>(0xc3);

// Whether GCC, given __sync_lock_release on a T, emits nothing at all: GCC 12 does so for a
// size wider than a pointer that it has no inline compare-and-swap for (mips o32 and ppc 8
// bytes; 16 on x86_64, ppc64, mips64, riscv64, sparc64: the function body is a bare return,
// checked with <target>-g++ -O2). A limit of the compiler, not of the library.
template <class T> constexpr bool gcc_drops_lock_release() {
#if defined(__clang__)
    return false;
#else
    constexpr size_t n = sizeof(T);
    if (n <= sizeof(void*)) return false;
#if defined(__GCC_HAVE_SYNC_COMPARE_AND_SWAP_8)
    if (n == 8) return false;
#endif
#if defined(__GCC_HAVE_SYNC_COMPARE_AND_SWAP_16)
    if (n == 16) return false;
#endif
    return true;
#endif
}


// clang 19 miscompiles 16-byte atomics for big-endian AArch64: its ldxp/stxp sequences (inline,
// and around the outline helpers) take the first register for the low half, while the AAPCS64
// puts the lower-addressed doubleword, on big-endian the high half, there (docs/abi/aarch64.md).
// Atomic and plain accesses of the same 16 bytes then disagree in the compiler's own code, and
// nothing of bedrock's can mend that: the 16-byte parts are not built on that configuration.
#if defined(__clang__) && defined(__AARCH64EB__)
constexpr bool COMPILER_WIDE_ATOMICS = false;
#else
constexpr bool COMPILER_WIDE_ATOMICS = true;
#endif

template <class T> void sync_builtins() {
    // a + b carries through every byte (a = 0x0f..ff, b = 0x11), and through the middle of a
    // 16-byte value; x and y give and/or/xor every bit combination in every byte.
    const T a = static_cast<T>(static_cast<T>(~T(0)) >> 4), b = 0x11;
    const T x = fill<T>(0xa5), y = fill<T>(0x3c), d = distinct<T>();
    Boxed<T> box{GUARD<T>, a, GUARD<T>};
    T& v = box.v;

    CHECK(__sync_fetch_and_add(&v, b) == a);
    CHECK(v == static_cast<T>(a + b));
    CHECK(__sync_fetch_and_sub(&v, b) == static_cast<T>(a + b));
    CHECK(v == a);
    v = x;
    CHECK(__sync_fetch_and_or(&v, y) == x);
    CHECK(v == static_cast<T>(x | y));
    v = x;
    CHECK(__sync_fetch_and_and(&v, y) == x);
    CHECK(v == static_cast<T>(x & y));
    v = x;
    CHECK(__sync_fetch_and_xor(&v, y) == x);
    CHECK(v == static_cast<T>(x ^ y));
    v = x;
    CHECK(__sync_fetch_and_nand(&v, y) == x);
    CHECK(v == static_cast<T>(~(x & y)));

    v = a;
    CHECK(__sync_add_and_fetch(&v, b) == static_cast<T>(a + b));
    CHECK(__sync_sub_and_fetch(&v, b) == a);
    v = x;
    CHECK(__sync_or_and_fetch(&v, y) == static_cast<T>(x | y));
    v = x;
    CHECK(__sync_and_and_fetch(&v, y) == static_cast<T>(x & y));
    v = x;
    CHECK(__sync_xor_and_fetch(&v, y) == static_cast<T>(x ^ y));
    v = x;
    CHECK(__sync_nand_and_fetch(&v, y) == static_cast<T>(~(x & y)));
    CHECK(v == static_cast<T>(~(x & y)));

    v = d;
    CHECK(!__sync_bool_compare_and_swap(&v, x, y)); // mismatch: no store
    CHECK(v == d);
    CHECK(__sync_bool_compare_and_swap(&v, d, y));
    CHECK(v == y);
    CHECK(__sync_val_compare_and_swap(&v, x, d) == y); // mismatch: tells the value
    CHECK(v == y);
    CHECK(__sync_val_compare_and_swap(&v, y, d) == y);
    CHECK(v == d);

    CHECK(__sync_lock_test_and_set(&v, x) == d);
    CHECK(v == x);
    __sync_synchronize();

    CHECK(box.before == GUARD<T>);
    CHECK(box.after == GUARD<T>);
}

template <class T> void sync_lock_release() {
    static_assert(!gcc_drops_lock_release<T>(), "registered only where the compiler emits it");
    Boxed<T> box{GUARD<T>, distinct<T>(), GUARD<T>};
    __sync_lock_release(&box.v);
    CHECK(box.v == 0);
    CHECK(box.before == GUARD<T>);
    CHECK(box.after == GUARD<T>);
}

template <class T> void atomic_builtins() {
    const T a = static_cast<T>(static_cast<T>(~T(0)) >> 4), b = 0x11;
    const T x = fill<T>(0xa5), y = fill<T>(0x3c), d = distinct<T>();
    Boxed<T> box{GUARD<T>, 0, GUARD<T>};
    T* p = &box.v;

    __atomic_store_n(p, d, __ATOMIC_RELEASE);
    CHECK(__atomic_load_n(p, __ATOMIC_ACQUIRE) == d);
    __atomic_store_n(p, a, __ATOMIC_SEQ_CST);
    CHECK(__atomic_load_n(p, __ATOMIC_RELAXED) == a);
    CHECK(__atomic_exchange_n(p, x, __ATOMIC_ACQ_REL) == a);
    CHECK(__atomic_load_n(p, __ATOMIC_SEQ_CST) == x);

    T e = y; // mismatch: false, e becomes the value, no store
    CHECK(!__atomic_compare_exchange_n(p, &e, d, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
    CHECK(e == x);
    CHECK(*p == x);
    CHECK(__atomic_compare_exchange_n(p, &e, d, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE));
    CHECK(*p == d);
    e = d; // a weak one may fail spuriously, but not forever
    int tries = 0;
    while (!__atomic_compare_exchange_n(p, &e, y, true, __ATOMIC_RELEASE, __ATOMIC_RELAXED) && ++tries < 1000)
        CHECK(e == d);
    CHECK(*p == y);

    __atomic_store_n(p, a, __ATOMIC_RELAXED);
    CHECK(__atomic_fetch_add(p, b, __ATOMIC_SEQ_CST) == a);
    CHECK(__atomic_fetch_sub(p, b, __ATOMIC_ACQUIRE) == static_cast<T>(a + b));
    CHECK(*p == a);
    CHECK(__atomic_add_fetch(p, b, __ATOMIC_RELEASE) == static_cast<T>(a + b));
    CHECK(__atomic_sub_fetch(p, b, __ATOMIC_RELAXED) == a);
    *p = x;
    CHECK(__atomic_fetch_and(p, y, __ATOMIC_SEQ_CST) == x);
    CHECK(*p == static_cast<T>(x & y));
    *p = x;
    CHECK(__atomic_fetch_or(p, y, __ATOMIC_SEQ_CST) == x);
    CHECK(*p == static_cast<T>(x | y));
    *p = x;
    CHECK(__atomic_fetch_xor(p, y, __ATOMIC_SEQ_CST) == x);
    CHECK(*p == static_cast<T>(x ^ y));
    *p = x;
    CHECK(__atomic_fetch_nand(p, y, __ATOMIC_SEQ_CST) == x);
    CHECK(*p == static_cast<T>(~(x & y)));
    *p = x;
    CHECK(__atomic_and_fetch(p, y, __ATOMIC_SEQ_CST) == static_cast<T>(x & y));
    *p = x;
    CHECK(__atomic_or_fetch(p, y, __ATOMIC_SEQ_CST) == static_cast<T>(x | y));
    *p = x;
    CHECK(__atomic_xor_fetch(p, y, __ATOMIC_SEQ_CST) == static_cast<T>(x ^ y));
    *p = x;
    CHECK(__atomic_nand_fetch(p, y, __ATOMIC_SEQ_CST) == static_cast<T>(~(x & y)));

    CHECK(box.before == GUARD<T>);
    CHECK(box.after == GUARD<T>);
}

// An object of N bytes, alignment A: sizes and alignments no integer has, so the compilers
// call the generic __atomic_load/store/exchange/compare_exchange (or their _N forms for a
// power-of-two size).
template <size_t N, size_t A> struct alignas(A) Blob {
    unsigned char b[N];
};
template <size_t N, size_t A> Blob<N, A> blob(unsigned char seed) {
    Blob<N, A> v;
    for (size_t i = 0; i < N; ++i) v.b[i] = static_cast<unsigned char>(seed + 7 * i);
    return v;
}
template <size_t N, size_t A> bool same(const Blob<N, A>& x, const Blob<N, A>& y) {
    for (size_t i = 0; i < N; ++i)
        if (x.b[i] != y.b[i]) return false;
    return true;
}

template <size_t N, size_t A> void generic_builtins() {
    using B = Blob<N, A>;
    B objs[3] = {blob<N, A>(0xf0), blob<N, A>(0), blob<N, A>(0xf8)}; // [1] between two guards
    B* p = &objs[1];
    const B v = blob<N, A>(1), w = blob<N, A>(50), z = blob<N, A>(99);
    B r = blob<N, A>(0);

    B in = v;
    __atomic_store(p, &in, __ATOMIC_SEQ_CST);
    __atomic_load(p, &r, __ATOMIC_SEQ_CST);
    CHECK(same(r, v));
    in = w;
    __atomic_exchange(p, &in, &r, __ATOMIC_ACQ_REL);
    CHECK(same(r, v));
    __atomic_load(p, &r, __ATOMIC_ACQUIRE);
    CHECK(same(r, w));

    B e = z, des = v; // mismatch: false, e becomes the value, no store
    CHECK(!__atomic_compare_exchange(p, &e, &des, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
    CHECK(same(e, w));
    __atomic_load(p, &r, __ATOMIC_SEQ_CST);
    CHECK(same(r, w));
    CHECK(__atomic_compare_exchange(p, &e, &des, false, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED));
    __atomic_load(p, &r, __ATOMIC_SEQ_CST);
    CHECK(same(r, v));

    CHECK(same(objs[0], blob<N, A>(0xf0)));
    CHECK(same(objs[2], blob<N, A>(0xf8)));
}

// __atomic_is_lock_free through a size the compiler cannot fold: the library's answer.
size_t opaque(size_t n) {
    asm volatile("" : "+r"(n));
    return n;
}

constexpr int THREADS = 4;
constexpr int ADDS = 100'000;
// The mixed case loses updates only when a locked library update and an inline one overlap by
// a few instructions: more rounds make that likely even on a loaded machine.
constexpr int MIXED_ADDS = 500'000;

template <class F> bool run_threads(F body) {
    int go = 0;
    Thread ts[THREADS];
    for (int i = 0; i < THREADS; ++i) {
        auto t = Thread::spawn([&go, &body, i] {
            while (!__atomic_load_n(&go, __ATOMIC_ACQUIRE)) {
            }
            body(i);
        });
        if (!t) {
            CHECK(t.has_value());
            __atomic_store_n(&go, 1, __ATOMIC_RELEASE);
            for (int j = 0; j < i; ++j) ts[j].join();
            return false;
        }
        ts[i] = rt::move(*t);
    }
    __atomic_store_n(&go, 1, __ATOMIC_RELEASE);
    for (auto& t : ts) t.join();
    return true;
}

// The same 16 or 8 bytes as a struct of smaller words: the compilers call the generic
// compare-exchange for it (under-aligned for an integer of its size).
struct __attribute__((may_alias)) Pair32 {
    uint32_t w[2];
};
#if defined(__SIZEOF_INT128__)
struct __attribute__((may_alias)) Pair64 {
    uint64_t w[2];
};
#endif

// One increment through the generic calls, the object seen as P holding an integer T.
template <class T, class P> void add_one_generic(P* obj) {
    P e, d;
    __atomic_load(obj, &e, __ATOMIC_RELAXED);
    do {
        T v;
        __builtin_memcpy(&v, &e, sizeof v);
        ++v;
        __builtin_memcpy(&d, &v, sizeof v);
    } while (!__atomic_compare_exchange(obj, &e, &d, false, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED));
}

#if !defined(__SIZEOF_INT128__)
// A 16-byte counter where there is no 16-byte integer: w[0] the low half, w[1] the high one.
struct alignas(16) Wide {
    uint64_t w[2];
};
void add_one_wide(Wide* c) {
    Wide e, d;
    __atomic_load(c, &e, __ATOMIC_RELAXED);
    do {
        d = e;
        if (++d.w[0] == 0) ++d.w[1];
    } while (!__atomic_compare_exchange(c, &e, &d, false, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED));
}
#endif

} // namespace

#define RT_WIDTH_CASES(T, N)                                                         \
    TEST("__sync_* builtins on " #N "-byte integers") { sync_builtins<T>(); }         \
    TEST("__atomic_* builtins on " #N "-byte integers") { atomic_builtins<T>(); }
RT_WIDTH_CASES(uint8_t, 1)
RT_WIDTH_CASES(uint16_t, 2)
RT_WIDTH_CASES(uint32_t, 4)
RT_WIDTH_CASES(uint64_t, 8)
#if defined(__SIZEOF_INT128__) && !(defined(__clang__) && defined(__AARCH64EB__))
RT_WIDTH_CASES(u128, 16)
#endif

// __sync_lock_release where the compiler emits code for it: GCC 12 emits none at all for a
// width it has no inline compare-and-swap for that is wider than a pointer
// (gcc_drops_lock_release) — no call, so nothing of bedrock's to test (docs/abi.md).
#define RT_LOCK_RELEASE_CASE(T, N) \
    TEST("__sync_lock_release on " #N "-byte integers") { sync_lock_release<T>(); }
RT_LOCK_RELEASE_CASE(uint8_t, 1)
RT_LOCK_RELEASE_CASE(uint16_t, 2)
RT_LOCK_RELEASE_CASE(uint32_t, 4)
#if defined(__clang__) || __SIZEOF_POINTER__ >= 8 || defined(__GCC_HAVE_SYNC_COMPARE_AND_SWAP_8)
RT_LOCK_RELEASE_CASE(uint64_t, 8)
#endif
#if defined(__SIZEOF_INT128__) && (defined(__clang__) || defined(__GCC_HAVE_SYNC_COMPARE_AND_SWAP_16)) && !(defined(__clang__) && defined(__AARCH64EB__))
RT_LOCK_RELEASE_CASE(u128, 16)
#endif

TEST("generic __atomic_* on 3-byte objects") { generic_builtins<3, 1>(); }
TEST("generic __atomic_* on 12-byte objects") { generic_builtins<12, 4>(); }
TEST("generic __atomic_* on 24-byte objects") { generic_builtins<24, 8>(); }
TEST("generic __atomic_* on 8-byte objects, 8- and 1-byte aligned") {
    generic_builtins<8, 8>();
    generic_builtins<8, 1>();
}
TEST("generic __atomic_* on 16-byte objects, 16- and 8-byte aligned") {
    generic_builtins<16, 16>();
    generic_builtins<16, 8>();
}

TEST("__atomic_is_lock_free: odd sizes and misaligned objects are not; inline sizes are") {
    alignas(16) unsigned char buf[48] = {};
    CHECK(!__atomic_is_lock_free(opaque(3), buf));
    CHECK(!__atomic_is_lock_free(opaque(12), buf));
    CHECK(!__atomic_is_lock_free(opaque(24), buf));
    CHECK(!__atomic_is_lock_free(opaque(8), buf + 1));
    CHECK(!__atomic_is_lock_free(opaque(16), buf + 8));
#if defined(__GCC_HAVE_SYNC_COMPARE_AND_SWAP_4)
    // Where the compiler does a size inline, the library must agree (sparc V8 has no inline
    // atomics at all: every size is the library's, under its lock).
    CHECK(__atomic_is_lock_free(opaque(4), buf));
    CHECK(__atomic_is_lock_free(opaque(4), nullptr));
    if (__atomic_always_lock_free(8, 0)) CHECK(__atomic_is_lock_free(opaque(8), buf));
    if (__atomic_always_lock_free(16, 0)) CHECK(__atomic_is_lock_free(opaque(16), buf));
#endif
#if !defined(__GCC_HAVE_SYNC_COMPARE_AND_SWAP_8)
    if (!__atomic_always_lock_free(8, 0)) CHECK(!__atomic_is_lock_free(opaque(8), buf));
#endif
}

TEST("4 threads x 100 000 fetch_add on a 64-bit and a 16-byte counter: exact totals") {
    alignas(8) uint64_t c64 = 0;
    // The 16-byte counter starts 200 000 below 2^64: half the additions carry into the upper
    // half, so a torn update shows in either half.
    constexpr uint64_t below = 200'000;
    const bool wide = COMPILER_WIDE_ATOMICS;
#if defined(__SIZEOF_INT128__)
    alignas(16) u128 c16 = (u128{1} << 64) - below;
    auto add16 = [&] {
        if (wide) __atomic_fetch_add(&c16, 1, __ATOMIC_SEQ_CST);
    };
#else
    // No 16-byte integer: a 16-byte object counted through the generic compare-exchange.
    Wide c16 = {{0 - below, 0}};
    auto add16 = [&] { add_one_wide(&c16); };
#endif
    bool ran = run_threads([&](int) {
        for (int k = 0; k < ADDS; ++k) {
            __atomic_fetch_add(&c64, 1, __ATOMIC_SEQ_CST);
            add16();
        }
    });
    REQUIRE(ran);
    CHECK_EQ(c64, uint64_t{THREADS} * ADDS);
    if (!wide) return;
#if defined(__SIZEOF_INT128__)
    CHECK_EQ(static_cast<uint64_t>(c16), uint64_t{THREADS} * ADDS - below);
    CHECK_EQ(static_cast<uint64_t>(c16 >> 64), uint64_t{1});
#else
    CHECK_EQ(c16.w[0], uint64_t{THREADS} * ADDS - below);
    CHECK_EQ(c16.w[1], uint64_t{1});
#endif
}

TEST("inline operations and library calls on one counter agree (8 and 16 bytes)") {
    // Two threads add with the compiler's own fetch_add on the integer, two through the
    // generic compare-exchange on a struct view of the same bytes: if the library took a lock
    // where the compiler uses an instruction, updates would be lost (likely, not certainly:
    // it takes an overlap of a few instructions; a library built that way failed this case in
    // 2 of 5 runs under qemu-aarch64 on a loaded 2-CPU machine, and the __atomic_is_lock_free
    // case in every run).
    alignas(16) uint64_t c64 = 0;
#if defined(__SIZEOF_INT128__)
    alignas(16) u128 c128 = 0;
    const bool wide = COMPILER_WIDE_ATOMICS;
#endif
    bool ran = run_threads([&](int i) {
        for (int k = 0; k < MIXED_ADDS; ++k) {
            if (i % 2) {
                __atomic_fetch_add(&c64, 1, __ATOMIC_SEQ_CST);
#if defined(__SIZEOF_INT128__)
                if (wide) __atomic_fetch_add(&c128, 1, __ATOMIC_SEQ_CST);
#endif
            } else {
                add_one_generic<uint64_t>(reinterpret_cast<Pair32*>(&c64));
#if defined(__SIZEOF_INT128__)
                if (wide) add_one_generic<u128>(reinterpret_cast<Pair64*>(&c128));
#endif
            }
        }
    });
    REQUIRE(ran);
    CHECK_EQ(c64, uint64_t{THREADS} * MIXED_ADDS);
#if defined(__SIZEOF_INT128__)
    if (wide) CHECK(c128 == u128{THREADS} * MIXED_ADDS);
#endif
}

#if defined(BEDROCK_TEST_CX16)
// tests/atomic_cx16.cpp, compiled with -mcx16: inline LOCK CMPXCHG16B.
void add_one_cx16(u128* p);
u128 load_cx16(u128* p);

namespace {
bool cpu_has_cx16() {
    uint32_t a = 1, b, c = 0, d;
    asm volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
    return (c >> 13 & 1) != 0; // CPUID.01H:ECX.CX16 (Intel SDM vol. 2A)
}
} // namespace

TEST("x86_64: 16-byte atomics of -mcx16 code and library calls on one counter agree") {
    // Code built for x86-64-v2 or -march=native does 16-byte atomics inline; the library must
    // then use the same instruction, not its lock (rt/arch/x86_64/atomic_cas_arch.h).
    alignas(16) unsigned char buf[32] = {};
    bool cx16 = cpu_has_cx16();
    CHECK_EQ(__atomic_is_lock_free(opaque(16), buf), cx16);
    CHECK(!__atomic_is_lock_free(opaque(16), buf + 8));
    // A CPU without CMPXCHG16B runs no -mcx16 code: the library's locks are then all there is,
    // and the check above is the whole of the contract.
    if (!cx16) return;
    alignas(16) u128 c = (u128{1} << 64) - 1000;
    bool ran = run_threads([&](int i) {
        for (int k = 0; k < MIXED_ADDS; ++k) {
            if (i % 2) add_one_cx16(&c);
            else __atomic_fetch_add(&c, 1, __ATOMIC_SEQ_CST);
        }
    });
    REQUIRE(ran);
    CHECK(load_cx16(&c) == (u128{1} << 64) - 1000 + u128{THREADS} * MIXED_ADDS);
}
#endif
