// 1- and 2-byte atomic read-modify-write operations for GCC's riscv code.
//
// The RISC-V A extension has word and doubleword atomics only (LR/SC and AMOs on 32/64 bits:
// RISC-V unprivileged ISA, "A" extension). LLVM inlines byte and halfword atomics as masked
// LR/SC loops on the containing word, but GCC 12 emits calls to libatomic's __atomic_*_1/_2
// (fetch_add, fetch_sub, fetch_and, fetch_or, fetch_xor, fetch_nand, exchange,
// compare_exchange; loads, stores and test_and_set stay inline) — the interface of
// gcc.gnu.org/wiki/Atomic/GCCMM/LIbrary. A freestanding program has no libatomic, so bedrock
// provides them here the way libatomic does on such targets: a compare-exchange loop on the
// aligned 32-bit word that contains the value, changing only the value's bytes (RISC-V Linux
// is little-endian: the byte at address a is bits 8*(a%4) and up). Every operation is
// sequentially consistent, whatever order was asked for (stronger is always allowed).
#include <stddef.h>
#include <stdint.h>

namespace {

struct Slot {
    uint32_t* word;
    unsigned shift;
    uint32_t mask;
};

template <class T> Slot slot_of(volatile void* p) {
    auto a = reinterpret_cast<uintptr_t>(p);
    unsigned shift = static_cast<unsigned>(a & 3) * 8;
    uint32_t ones = sizeof(T) == 1 ? 0xffu : 0xffffu;
    return Slot{reinterpret_cast<uint32_t*>(a & ~uintptr_t{3}), shift, ones << shift};
}

// Applies op to the value at p atomically; returns the value before.
template <class T, class Op> T rmw(volatile void* p, Op op) {
    Slot s = slot_of<T>(p);
    uint32_t old = __atomic_load_n(s.word, __ATOMIC_SEQ_CST);
    for (;;) {
        T cur = static_cast<T>(old >> s.shift);
        uint32_t neu = (old & ~s.mask) | (static_cast<uint32_t>(static_cast<T>(op(cur))) << s.shift);
        if (__atomic_compare_exchange_n(s.word, &old, neu, true, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) return cur;
    }
}

template <class T> bool cas(volatile void* p, void* expected, T desired) {
    Slot s = slot_of<T>(p);
    T want = *static_cast<T*>(expected);
    uint32_t old = __atomic_load_n(s.word, __ATOMIC_SEQ_CST);
    for (;;) {
        T cur = static_cast<T>(old >> s.shift);
        if (cur != want) {
            *static_cast<T*>(expected) = cur;
            return false;
        }
        uint32_t neu = (old & ~s.mask) | (static_cast<uint32_t>(desired) << s.shift);
        // A failure here means another byte of the word (or ours) changed: look again.
        if (__atomic_compare_exchange_n(s.word, &old, neu, true, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) return true;
    }
}

} // namespace

#define RT_SUBWORD_ATOMICS(N, T)                                                                              \
    T __atomic_fetch_add_##N(volatile void* p, T v, int) { return rmw<T>(p, [v](T c) { return c + v; }); }   \
    T __atomic_fetch_sub_##N(volatile void* p, T v, int) { return rmw<T>(p, [v](T c) { return c - v; }); }   \
    T __atomic_fetch_and_##N(volatile void* p, T v, int) { return rmw<T>(p, [v](T c) { return c & v; }); }   \
    T __atomic_fetch_or_##N(volatile void* p, T v, int) { return rmw<T>(p, [v](T c) { return c | v; }); }    \
    T __atomic_fetch_xor_##N(volatile void* p, T v, int) { return rmw<T>(p, [v](T c) { return c ^ v; }); }   \
    T __atomic_fetch_nand_##N(volatile void* p, T v, int) { return rmw<T>(p, [v](T c) { return ~(c & v); }); } \
    T __atomic_exchange_##N(volatile void* p, T v, int) { return rmw<T>(p, [v](T) { return v; }); }           \
    bool __atomic_compare_exchange_##N(volatile void* p, void* expected, T desired, bool, int, int) {         \
        return cas<T>(p, expected, desired);                                                                  \
    }

extern "C" {
RT_SUBWORD_ATOMICS(1, uint8_t)
RT_SUBWORD_ATOMICS(2, uint16_t)
}
