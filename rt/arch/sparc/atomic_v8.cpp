// The __atomic_* library calls for 32-bit SPARC V8 code (clang's sparc-linux-gnu target).
//
// SPARC V8 has no compare-and-swap: its only atomic instructions are `ldstub` (byte
// test-and-set) and `swap` (SPARC Architecture Manual V8, B.7/B.8; `cas` is V9, or a LEON
// extension). LLVM therefore supports no inline atomics for V8 (SparcISelLowering:
// setMaxAtomicSizeInBitsSupported(0) unless V9 or LEON CASA) and turns every atomic load,
// store, exchange, compare-exchange and read-modify-write into a call to __atomic_*_N — the
// interface GCC's libatomic implements (gcc.gnu.org/wiki/Atomic/GCCMM/LIbrary). A freestanding
// program has no libatomic, so bedrock provides these calls here, the way libatomic does
// when the hardware lacks the operation: each one runs under a spinlock taken with `ldstub`
// and released with `stbar; stb %g0` (a store barrier first, for PSO). All atomic accesses
// compiled for V8 go through these functions, so one lock makes them atomic with respect to
// one another and totally ordered (sequentially consistent), whatever order was asked for.
// Not async-signal-safe: a signal handler that performs an atomic operation while its thread
// holds the lock deadlocks (libatomic's lock-based path has the same limit).
//
// GCC targets V8+ (V9 instructions in 32-bit code) with -m32 and inlines its atomics
// (`cas`), and sparc64 is V9: for them this file compiles to nothing. The compiler tells which
// by __GCC_HAVE_SYNC_COMPARE_AND_SWAP_4, which it defines only when it has an inline CAS.
#if !defined(__arch64__) && !defined(__GCC_HAVE_SYNC_COMPARE_AND_SWAP_4)

#include <stdint.h>

namespace {

unsigned char g_lock;

void lock() {
    for (;;) {
        unsigned old;
        asm volatile("ldstub [%1], %0" : "=r"(old) : "r"(&g_lock) : "memory");
        if (old == 0) return;
        while (*static_cast<volatile unsigned char*>(&g_lock) != 0) {
        }
    }
}

void unlock() { asm volatile("stbar\n\tstb %%g0, [%0]" : : "r"(&g_lock) : "memory"); }

template <class T> T load(const volatile void* p) {
    lock();
    T v = *static_cast<const volatile T*>(p);
    unlock();
    return v;
}

template <class T> void store(volatile void* p, T v) {
    lock();
    *static_cast<volatile T*>(p) = v;
    unlock();
}

template <class T> T exchange(volatile void* p, T v) {
    lock();
    auto q = static_cast<volatile T*>(p);
    T old = *q;
    *q = v;
    unlock();
    return old;
}

template <class T> bool compare_exchange(volatile void* p, void* expected, T desired) {
    lock();
    auto q = static_cast<volatile T*>(p);
    auto e = static_cast<T*>(expected);
    T cur = *q;
    bool ok = cur == *e;
    if (ok) *q = desired;
    else *e = cur;
    unlock();
    return ok;
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

// Returns the old value (fetch_op) or the new one (op_fetch).
template <Op op, bool return_new, class T> T rmw(volatile void* p, T v) {
    lock();
    auto q = static_cast<volatile T*>(p);
    T old = *q;
    T now = apply<op>(old, v);
    *q = now;
    unlock();
    return return_new ? now : old;
}

} // namespace

// The entry points are given their names with asm labels: the compilers know these names as
// builtins and would not accept definitions written under them.
#define RT_ATOMIC_SIZE(N, T)                                                                              \
    extern "C" T rt_atomic_load_##N(const volatile void* p, int) asm("__atomic_load_" #N);                \
    extern "C" T rt_atomic_load_##N(const volatile void* p, int) { return load<T>(p); }                   \
    extern "C" void rt_atomic_store_##N(volatile void* p, T v, int) asm("__atomic_store_" #N);            \
    extern "C" void rt_atomic_store_##N(volatile void* p, T v, int) { store<T>(p, v); }                   \
    extern "C" T rt_atomic_exchange_##N(volatile void* p, T v, int) asm("__atomic_exchange_" #N);         \
    extern "C" T rt_atomic_exchange_##N(volatile void* p, T v, int) { return exchange<T>(p, v); }         \
    extern "C" bool rt_atomic_compare_exchange_##N(volatile void* p, void* e, T d, int, int)              \
        asm("__atomic_compare_exchange_" #N);                                                             \
    extern "C" bool rt_atomic_compare_exchange_##N(volatile void* p, void* e, T d, int, int) {            \
        return compare_exchange<T>(p, e, d);                                                              \
    }                                                                                                     \
    RT_ATOMIC_RMW(N, T, add, Op::Add)                                                                     \
    RT_ATOMIC_RMW(N, T, sub, Op::Sub)                                                                     \
    RT_ATOMIC_RMW(N, T, and, Op::And)                                                                     \
    RT_ATOMIC_RMW(N, T, or, Op::Or)                                                                       \
    RT_ATOMIC_RMW(N, T, xor, Op::Xor)                                                                     \
    RT_ATOMIC_RMW(N, T, nand, Op::Nand)

#define RT_ATOMIC_RMW(N, T, name, op)                                                                     \
    extern "C" T rt_atomic_fetch_##name##_##N(volatile void* p, T v, int) asm("__atomic_fetch_" #name "_" #N); \
    extern "C" T rt_atomic_fetch_##name##_##N(volatile void* p, T v, int) { return rmw<op, false, T>(p, v); } \
    extern "C" T rt_atomic_##name##_fetch_##N(volatile void* p, T v, int) asm("__atomic_" #name "_fetch_" #N); \
    extern "C" T rt_atomic_##name##_fetch_##N(volatile void* p, T v, int) { return rmw<op, true, T>(p, v); }

RT_ATOMIC_SIZE(1, uint8_t)
RT_ATOMIC_SIZE(2, uint16_t)
RT_ATOMIC_SIZE(4, uint32_t)
RT_ATOMIC_SIZE(8, uint64_t)

#endif
