// 64-bit comparison and bit helpers that GCC calls on its own where a back end has no inline
// expansion: __cmpdi2 (sparc with GCC, e.g. inside uint64 -> double conversions), __ffsdi2
// (__builtin_ffsll, ffsll on 32-bit ABIs, riscv64 and sparc64), __paritydi2 (__builtin_parityll
// on most ABIs). Normally libgcc provides them; bedrock links with -nostdlib. Names and
// semantics: GCC internals manual, "Libgcc / Routines for integer arithmetic" (comparison
// functions, trapping-free bit operations).
//
// No builtins are used (the compiler could recognize them as the very idiom implemented here);
// built in rt_nobuiltin (rt/meson.build).
#include <stdint.h>

extern "C" {

// 0 if a < b, 1 if a == b, 2 if a > b; from the 32-bit halves.
int __cmpdi2(int64_t a, int64_t b) {
    int32_t ah = static_cast<int32_t>(static_cast<uint64_t>(a) >> 32), bh = static_cast<int32_t>(static_cast<uint64_t>(b) >> 32);
    uint32_t al = static_cast<uint32_t>(a), bl = static_cast<uint32_t>(b);
    if (ah != bh) return ah < bh ? 0 : 2;
    if (al != bl) return al < bl ? 0 : 2;
    return 1;
}
int __ucmpdi2(uint64_t a, uint64_t b) {
    uint32_t ah = static_cast<uint32_t>(a >> 32), bh = static_cast<uint32_t>(b >> 32);
    uint32_t al = static_cast<uint32_t>(a), bl = static_cast<uint32_t>(b);
    if (ah != bh) return ah < bh ? 0 : 2;
    if (al != bl) return al < bl ? 0 : 2;
    return 1;
}

// One plus the index of the least significant 1 bit, or 0 for 0.
int __ffsdi2(uint64_t x) {
    uint32_t w = static_cast<uint32_t>(x);
    int n = 1;
    if (w == 0) {
        w = static_cast<uint32_t>(x >> 32);
        if (w == 0) return 0;
        n += 32;
    }
    if (!(w & 0xffffu)) n += 16, w >>= 16;
    if (!(w & 0xffu)) n += 8, w >>= 8;
    if (!(w & 0xfu)) n += 4, w >>= 4;
    if (!(w & 0x3u)) n += 2, w >>= 2;
    if (!(w & 0x1u)) n += 1;
    return n;
}

// 1 if an odd number of bits is set, else 0: the halves folded onto 4 bits, then a 16-entry
// table of parities in one constant.
int __paritysi2(uint32_t x) {
    x ^= x >> 16;
    x ^= x >> 8;
    x ^= x >> 4;
    return static_cast<int>((0x6996u >> (x & 0xfu)) & 1u);
}
int __paritydi2(uint64_t x) { return __paritysi2(static_cast<uint32_t>(x) ^ static_cast<uint32_t>(x >> 32)); }

} // extern "C"
