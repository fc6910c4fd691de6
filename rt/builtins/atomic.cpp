// The atomic operations compilers call instead of emitting them inline: libatomic's interface
// (gcc.gnu.org/wiki/Atomic/GCCMM/LIbrary) and the __sync_*_N functions GCC calls for the
// legacy builtins. A freestanding program has no libatomic and no libgcc, so bedrock provides
// them: which ones appear on which ABI, and why, is in docs/abi.md ("Atomic library calls").
//
//   sized:   __atomic_{load,store,exchange,compare_exchange}_N, __atomic_fetch_OP_N,
//            __atomic_OP_fetch_N (OP = add sub and or xor nand; N = 1 2 4 8, and 16 where the
//            compiler has __int128); __sync_fetch_and_OP_N, __sync_OP_and_fetch_N,
//            __sync_{bool,val}_compare_and_swap_N, __sync_lock_test_and_set_N
//   generic: __atomic_{load,store,exchange,compare_exchange}(size, ...) for any size, and
//            __atomic_is_lock_free(size, ptr)
//
// An N-byte operation takes one of three ways, chosen per call by the object's address:
//  - native: the compiler does N-byte atomics inline on naturally aligned objects
//    (__GCC_HAVE_SYNC_COMPARE_AND_SWAP_N; clang on s390x inlines 16-byte ones without defining
//    the macro, which __atomic_always_lock_free(16, 0) tells). Code elsewhere may then touch
//    the object with inline instructions, so the library must use the same ones: everything
//    is a loop around the compiler's own __sync_val_compare_and_swap, which is what the macro
//    promises inline (it is a full barrier; GCC's __atomic_compare_exchange_n would be a call
//    for 16 bytes on aarch64 and s390x: back here).
//  - word: a 1- or 2-byte object without native atomics (GCC on riscv) inside an aligned
//    32-bit word with them: a compare-and-swap of the containing word that changes only the
//    object's bytes. GCC's inline byte and halfword loads and stores stay consistent with it.
//  - locked: no lock-free way (8 bytes on mips o32, ppc, riscv32; 16 on most 64-bit ABIs;
//    every size for sparc V8; odd sizes and misaligned objects): the compiler never does
//    these inline, so every access goes through here and a spinlock, picked from a small
//    table by address, makes them atomic. The lock is taken and released with sequentially
//    consistent operations, so a locked operation is also ordered against inline seq_cst
//    atomics on other objects. Not async-signal-safe (a handler that does a locked operation
//    while its thread holds that lock deadlocks), like libatomic's own lock-based path.
// Every operation is sequentially consistent, whatever order was asked for: stronger is always
// allowed. Built in rt_nobuiltin (rt/meson.build): nothing here may become a call to itself,
// so no __atomic builtin is used on a size the compiler might not inline.
#include <stddef.h>
#include <stdint.h>

#include "rt/builtins/atomic.h"
#include "rt/sys/sched.h"

// The lock primitives: the compiler's 4-byte atomics where it has them; otherwise (SPARC V8,
// which has no compare-and-swap) the family folder supplies them in atomic_lock_arch.h.
#if defined(__GCC_HAVE_SYNC_COMPARE_AND_SWAP_4)
namespace rt::arch {
inline bool atomic_lock_try(uint32_t* w) { return __atomic_exchange_n(w, 1u, __ATOMIC_SEQ_CST) == 0; }
inline bool atomic_lock_held(const uint32_t* w) { return __atomic_load_n(w, __ATOMIC_RELAXED) != 0; }
inline void atomic_lock_release(uint32_t* w) { __atomic_store_n(w, 0u, __ATOMIC_SEQ_CST); }
} // namespace rt::arch
#else
#include "atomic_lock_arch.h"
#endif
#include "atomic_cas_arch.h"

namespace {

#if defined(__GCC_HAVE_SYNC_COMPARE_AND_SWAP_1)
constexpr bool HAVE_CAS_1 = true;
#else
constexpr bool HAVE_CAS_1 = false;
#endif
#if defined(__GCC_HAVE_SYNC_COMPARE_AND_SWAP_2)
constexpr bool HAVE_CAS_2 = true;
#else
constexpr bool HAVE_CAS_2 = false;
#endif
#if defined(__GCC_HAVE_SYNC_COMPARE_AND_SWAP_4)
constexpr bool HAVE_CAS_4 = true;
#else
constexpr bool HAVE_CAS_4 = false;
#endif
#if defined(__GCC_HAVE_SYNC_COMPARE_AND_SWAP_8)
constexpr bool HAVE_CAS_8 = true;
#else
constexpr bool HAVE_CAS_8 = false;
#endif
#if defined(__GCC_HAVE_SYNC_COMPARE_AND_SWAP_16)
constexpr bool HAVE_CAS_16 = true;
#else
constexpr bool HAVE_CAS_16 = false;
#endif

template <size_t N> struct UintOf;
template <> struct UintOf<1> { using T = uint8_t; };
template <> struct UintOf<2> { using T = uint16_t; };
template <> struct UintOf<4> { using T = uint32_t; };
template <> struct UintOf<8> { using T = uint64_t; };
#if defined(__SIZEOF_INT128__)
template <> struct UintOf<16> { using T = unsigned __int128; };
#endif
template <size_t N> using Uint = typename UintOf<N>::T;

template <size_t N> constexpr bool have_cas() {
    if constexpr (N == 1) return HAVE_CAS_1;
    else if constexpr (N == 2) return HAVE_CAS_2;
    else if constexpr (N == 4) return HAVE_CAS_4;
    else if constexpr (N == 8) return HAVE_CAS_8;
    else return HAVE_CAS_16;
}

// The compiler does N-byte atomics inline on naturally aligned objects. (Without a 4-byte
// compare-and-swap, clang's sparc V8 target still answers __atomic_always_lock_free(4, 0)
// with true, yet calls this library for everything: its answer counts only with CAS_4.)
template <size_t N> constexpr bool NATIVE = have_cas<N>() || (HAVE_CAS_4 && __atomic_always_lock_free(N, 0));
// 1- and 2-byte objects without native atomics, done on their containing 32-bit word.
template <size_t N> constexpr bool WORD = N < 4 && !NATIVE<N> && NATIVE<4>;
// A size whose compare-and-swap only some CPUs of the ABI have (x86-64's CMPXCHG16B): lock-free
// where the CPU has it, so that code compiled for such CPUs, which does the size inline, agrees.
template <size_t N> constexpr bool RUN_TIME = !NATIVE<N> && !WORD<N> && rt::arch::RuntimeCas<N>::SOME_CPUS;

uintptr_t address(const volatile void* p) { return reinterpret_cast<uintptr_t>(p); }

template <size_t N> bool lock_free(const volatile void* p) {
    if constexpr (NATIVE<N>) return address(p) % N == 0;
    else if constexpr (WORD<N>) return address(p) % 4 + N <= 4;
    else if constexpr (RUN_TIME<N>) return address(p) % N == 0 && rt::arch::RuntimeCas<N>::available();
    else return false;
}

// Native: returns the value before; stores desired if it was expected. __builtin_assume_aligned
// tells the compiler what lock_free checked (GCC on s390x calls __sync_*_16 for a 16-byte
// object it cannot prove 16-byte aligned, __int128 being 8-byte aligned there).
// The type says so too (uint64_t is 4-byte aligned on i386, __int128 8-byte on s390x).
template <size_t N> Uint<N> cas_native(volatile void* p, Uint<N> expected, Uint<N> desired) {
    typedef Uint<N> Aligned __attribute__((aligned(N)));
    auto q = static_cast<Aligned*>(__builtin_assume_aligned(const_cast<void*>(p), N));
    return __sync_val_compare_and_swap(q, expected, desired);
}

// Word: the same on the object's bytes of the aligned 32-bit word around it. A mismatch is
// confirmed by swapping the word with itself, so that the value returned was read atomically
// and with the barrier. Byte k of a word is bits 8k.. on little-endian ABIs, and the bits
// counted from the top on big-endian ones.
template <size_t N> Uint<N> cas_word(volatile void* p, Uint<N> expected, Uint<N> desired) {
    uintptr_t a = address(p);
    auto word = reinterpret_cast<uint32_t*>(a & ~uintptr_t{3});
    unsigned offset = static_cast<unsigned>(a & 3);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    unsigned shift = 8 * offset;
#else
    unsigned shift = 8 * (4 - N - offset);
#endif
    uint32_t mask = ((uint32_t{1} << (8 * N)) - 1) << shift;
    uint32_t cur = __atomic_load_n(word, __ATOMIC_RELAXED);
    for (;;) {
        auto v = static_cast<Uint<N>>((cur & mask) >> shift);
        uint32_t want = v == expected ? (cur & ~mask) | (static_cast<uint32_t>(desired) << shift) : cur;
        uint32_t seen = __sync_val_compare_and_swap(word, cur, want);
        if (seen == cur) return v;
        cur = seen; // another byte of the word (or ours) changed: look again
    }
}

template <size_t N> constexpr bool MAY_BE_LOCK_FREE = NATIVE<N> || WORD<N> || RUN_TIME<N>;

// Only instantiated where MAY_BE_LOCK_FREE<N>, and called where lock_free<N>(p).
template <size_t N> Uint<N> cas_lock_free(volatile void* p, Uint<N> expected, Uint<N> desired) {
    if constexpr (NATIVE<N>) return cas_native<N>(p, expected, desired);
    else if constexpr (RUN_TIME<N>) return rt::arch::RuntimeCas<N>::cas(p, expected, desired);
    else return cas_word<N>(p, expected, desired);
}

// The lock table. 32 locks, each on its own 64-byte line, picked by bits of the address above
// the 16 bytes a lock-based object most often spans.
struct alignas(64) Lock {
    uint32_t word;
};
constexpr size_t LOCKS = 32;
Lock g_locks[LOCKS];

// Spin on a plain look before trying again; after a while yield: the holder may be queued on
// this very CPU.
void lock(uint32_t* w) {
    while (!rt::arch::atomic_lock_try(w)) {
        for (unsigned spins = 1; rt::arch::atomic_lock_held(w); ++spins)
            if (spins % 64 == 0) (void)rt::sys::sched_yield();
    }
}

class Guard {
public:
    explicit Guard(const volatile void* p) : w_(&g_locks[(address(p) >> 4 ^ address(p) >> 9) % LOCKS].word) { lock(w_); }
    ~Guard() { rt::arch::atomic_lock_release(w_); }
    Guard(const Guard&) = delete;
    Guard& operator=(const Guard&) = delete;

private:
    uint32_t* w_;
};

// Plain copies for the locked way (the object may be any type of that size, at any alignment).
template <class T> T read(const volatile void* p) {
    T v;
    __builtin_memcpy(&v, const_cast<const void*>(p), sizeof v);
    return v;
}
template <class T> void write(volatile void* p, T v) { __builtin_memcpy(const_cast<void*>(p), &v, sizeof v); }

// Sets the value to f(old) atomically; returns old.
template <size_t N, class F> Uint<N> update(volatile void* p, F f) {
    using T = Uint<N>;
    if constexpr (MAY_BE_LOCK_FREE<N>) {
        if (lock_free<N>(p)) {
            // A wrong first guess costs one compare-and-swap, which fails and tells the value.
            T old = 0;
            for (;;) {
                T seen = cas_lock_free<N>(p, old, f(old));
                if (seen == old) return old;
                old = seen;
            }
        }
    }
    Guard g(p);
    T old = read<T>(p);
    write<T>(p, f(old));
    return old;
}

template <size_t N> Uint<N> load(const volatile void* p) {
    using T = Uint<N>;
    if constexpr (MAY_BE_LOCK_FREE<N>)
        // A compare-and-swap that changes nothing. It may store the value back (aarch64's
        // 16-byte one does), so the object must be writable: a const 16-byte atomic placed
        // in read-only memory faults, as with libatomic's exclusive-pair load.
        if (lock_free<N>(p)) return cas_lock_free<N>(const_cast<volatile void*>(p), 0, 0);
    Guard g(p);
    return read<T>(p);
}

template <size_t N> Uint<N> exchange(volatile void* p, Uint<N> v) {
    return update<N>(p, [v](Uint<N>) { return v; });
}

// Returns the value before; stores desired if it was expected.
template <size_t N> Uint<N> cas(volatile void* p, Uint<N> expected, Uint<N> desired) {
    using T = Uint<N>;
    if constexpr (MAY_BE_LOCK_FREE<N>)
        if (lock_free<N>(p)) return cas_lock_free<N>(p, expected, desired);
    Guard g(p);
    T cur = read<T>(p);
    if (cur == expected) write<T>(p, desired);
    return cur;
}

template <size_t N> bool compare_exchange(volatile void* p, void* expected, Uint<N> desired) {
    using T = Uint<N>;
    T want = read<T>(expected);
    T seen = cas<N>(p, want, desired);
    if (seen == want) return true;
    write<T>(expected, seen);
    return false;
}

enum class Op { Add, Sub, And, Or, Xor, Nand };

template <Op op, class T> T apply(T a, T b) {
    switch (op) {
    case Op::Add: return static_cast<T>(a + b);
    case Op::Sub: return static_cast<T>(a - b);
    case Op::And: return static_cast<T>(a & b);
    case Op::Or: return static_cast<T>(a | b);
    case Op::Xor: return static_cast<T>(a ^ b);
    case Op::Nand: return static_cast<T>(~(a & b));
    }
    return a;
}

// fetch_op returns the value before, op_fetch the value after.
template <Op op, bool after, size_t N> Uint<N> fetch_op(volatile void* p, Uint<N> v) {
    Uint<N> old = update<N>(p, [v](Uint<N> c) { return apply<op>(c, v); });
    return after ? apply<op>(old, v) : old;
}

// The generic calls: objects of any size. A size the sized calls exist for goes their way
// (lock-free where the object allows, so that inline code on it agrees); any other size is
// copied under the lock.
template <size_t N> struct Size {
    static constexpr size_t value = N;
};
template <class F> bool by_size(size_t n, F f) {
    switch (n) {
    case 1: f(Size<1>{}); return true;
    case 2: f(Size<2>{}); return true;
    case 4: f(Size<4>{}); return true;
    case 8: f(Size<8>{}); return true;
#if defined(__SIZEOF_INT128__)
    case 16: f(Size<16>{}); return true;
#endif
    }
    return false;
}

void copy(void* dst, const volatile void* src, size_t n) {
    auto d = static_cast<unsigned char*>(dst);
    auto s = static_cast<const unsigned char*>(const_cast<const void*>(src));
    for (size_t i = 0; i < n; ++i) d[i] = s[i];
}

bool equal(const volatile void* a, const void* b, size_t n) {
    auto x = static_cast<const unsigned char*>(const_cast<const void*>(a));
    auto y = static_cast<const unsigned char*>(b);
    for (size_t i = 0; i < n; ++i)
        if (x[i] != y[i]) return false;
    return true;
}

} // namespace

// The entry points get their names from asm labels: the compilers know these names as
// builtins and would not accept definitions written under them.
#define RT_STR2(x) #x
#define RT_STR(x) RT_STR2(x)
#define RT_ENTRY(ret, name, params) extern "C" ret rt_##name params asm(RT_STR(name)); extern "C" ret rt_##name params

#define RT_ATOMIC_RMW(N, name, op)                                                                   \
    RT_ENTRY(Uint<N>, __atomic_fetch_##name##_##N, (volatile void* p, Uint<N> v, int)) {             \
        return fetch_op<op, false, N>(p, v);                                                         \
    }                                                                                                \
    RT_ENTRY(Uint<N>, __atomic_##name##_fetch_##N, (volatile void* p, Uint<N> v, int)) {             \
        return fetch_op<op, true, N>(p, v);                                                          \
    }                                                                                                \
    RT_ENTRY(Uint<N>, __sync_fetch_and_##name##_##N, (volatile void* p, Uint<N> v)) {                \
        return fetch_op<op, false, N>(p, v);                                                         \
    }                                                                                                \
    RT_ENTRY(Uint<N>, __sync_##name##_and_fetch_##N, (volatile void* p, Uint<N> v)) {                \
        return fetch_op<op, true, N>(p, v);                                                          \
    }

#define RT_ATOMIC_SIZE(N)                                                                            \
    RT_ENTRY(Uint<N>, __atomic_load_##N, (const volatile void* p, int)) { return load<N>(p); }       \
    RT_ENTRY(void, __atomic_store_##N, (volatile void* p, Uint<N> v, int)) { (void)exchange<N>(p, v); } \
    RT_ENTRY(Uint<N>, __atomic_exchange_##N, (volatile void* p, Uint<N> v, int)) {                   \
        return exchange<N>(p, v);                                                                    \
    }                                                                                                \
    /* The call has no `weak` argument: GCC drops it (gcc/builtins.cc; riscv64 GCC 12 passes */    \
    /* success and failure orders in a3/a4), clang never passes one. */                             \
    RT_ENTRY(bool, __atomic_compare_exchange_##N, (volatile void* p, void* e, Uint<N> d, int, int)) { \
        return compare_exchange<N>(p, e, d);                                                         \
    }                                                                                                \
    RT_ENTRY(bool, __sync_bool_compare_and_swap_##N, (volatile void* p, Uint<N> e, Uint<N> d)) {     \
        return cas<N>(p, e, d) == e;                                                                 \
    }                                                                                                \
    RT_ENTRY(Uint<N>, __sync_val_compare_and_swap_##N, (volatile void* p, Uint<N> e, Uint<N> d)) {   \
        return cas<N>(p, e, d);                                                                      \
    }                                                                                                \
    RT_ENTRY(Uint<N>, __sync_lock_test_and_set_##N, (volatile void* p, Uint<N> v)) {                 \
        return exchange<N>(p, v);                                                                    \
    }                                                                                                \
    RT_ATOMIC_RMW(N, add, Op::Add)                                                                   \
    RT_ATOMIC_RMW(N, sub, Op::Sub)                                                                   \
    RT_ATOMIC_RMW(N, and, Op::And)                                                                   \
    RT_ATOMIC_RMW(N, or, Op::Or)                                                                     \
    RT_ATOMIC_RMW(N, xor, Op::Xor)                                                                   \
    RT_ATOMIC_RMW(N, nand, Op::Nand)

RT_ATOMIC_SIZE(1)
RT_ATOMIC_SIZE(2)
RT_ATOMIC_SIZE(4)
RT_ATOMIC_SIZE(8)
#if defined(__SIZEOF_INT128__)
RT_ATOMIC_SIZE(16)
#endif

RT_ENTRY(void, __atomic_load, (size_t n, const volatile void* p, void* ret, int)) {
    if (by_size(n, [&](auto s) {
            auto v = load<decltype(s)::value>(p);
            __builtin_memcpy(ret, &v, sizeof v);
        }))
        return;
    Guard g(p);
    copy(ret, p, n);
}

RT_ENTRY(void, __atomic_store, (size_t n, volatile void* p, void* val, int)) {
    if (by_size(n, [&](auto s) { (void)exchange<decltype(s)::value>(p, read<Uint<decltype(s)::value>>(val)); }))
        return;
    Guard g(p);
    copy(const_cast<void*>(p), val, n);
}

RT_ENTRY(void, __atomic_exchange, (size_t n, volatile void* p, void* val, void* ret, int)) {
    if (by_size(n, [&](auto s) {
            constexpr size_t N = decltype(s)::value;
            write<Uint<N>>(ret, exchange<N>(p, read<Uint<N>>(val)));
        }))
        return;
    Guard g(p);
    copy(ret, p, n);
    copy(const_cast<void*>(p), val, n);
}

RT_ENTRY(bool, __atomic_compare_exchange, (size_t n, volatile void* p, void* expected, void* desired, int, int)) {
    bool ok = false;
    if (by_size(n, [&](auto s) {
            constexpr size_t N = decltype(s)::value;
            ok = compare_exchange<N>(p, expected, read<Uint<N>>(desired));
        }))
        return ok;
    Guard g(p);
    ok = equal(p, expected, n);
    if (ok) copy(const_cast<void*>(p), desired, n);
    else copy(expected, p, n);
    return ok;
}

// A null pointer asks about an object of the size's natural alignment (libatomic's meaning).
RT_ENTRY(bool, __atomic_is_lock_free, (size_t n, const volatile void* p)) {
    bool free = false;
    by_size(n, [&](auto s) { free = lock_free<decltype(s)::value>(p); });
    return free;
}

// rt::fork (rt/thread/this_thread.cpp) holds every lock of the table across the clone, after
// the runtime's fork handlers have run (they use atomics, which are locked operations on some
// ABIs: all of them on sparc V8): a lock held by another thread at that moment would stay held
// in the child, where that thread does not exist.
namespace rt::detail {
void atomic_locks_acquire_all() {
    for (auto& l : g_locks) lock(&l.word);
}
void atomic_locks_release_all() {
    for (size_t i = LOCKS; i-- > 0;) rt::arch::atomic_lock_release(&g_locks[i].word);
}
} // namespace rt::detail
