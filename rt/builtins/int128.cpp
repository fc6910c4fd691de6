// 128-bit integer helpers (TImode) that compilers call on 64-bit ABIs for __int128 code:
// division and remainder everywhere (no ABI divides 128 by 128 bits in one instruction),
// variable shifts where the back end does not expand them (GCC at -O0 on most 64-bit ABIs,
// clang on sparc64), comparisons, and clang's multiplication with overflow check
// (__builtin_mul_overflow on __int128). Normally libgcc or compiler-rt provides them; bedrock
// links with -nostdlib. Names and semantics: GCC internals manual, "Libgcc / Routines for
// integer arithmetic" (__ashlti3, __ashrti3, __lshrti3, __divti3, __modti3, __udivti3,
// __umodti3, __udivmodti4, __divmodti4, __cmpti2, __ucmpti2); __muloti4 is compiler-rt's
// (compiler-rt/lib/builtins/README.txt: a * b, *overflow = 1 when the product does not fit).
//
// Nothing here may use the operation it implements: the shifts are built from 64-bit shifts
// of the halves, the comparisons from 64-bit comparisons, the division from the shifts,
// comparisons and subtraction, the overflow check from 64 x 64 -> 128 products of zero-extended
// halves (inline or __multi3, rt/builtins/int64.cpp). Built in rt_nobuiltin (rt/meson.build).
#include <stdint.h>

#include "rt/builtins/divmod.h"

#ifdef __SIZEOF_INT128__
namespace {
using u128 = unsigned __int128;
using s128 = __int128;

uint64_t hi(u128 x) { return static_cast<uint64_t>(x >> 64); }
uint64_t lo(u128 x) { return static_cast<uint64_t>(x); }
u128 make(uint64_t h, uint64_t l) { return (static_cast<u128>(h) << 64) | l; }
} // namespace

extern "C" {

[[noreturn]] void __rt_divide_by_zero();

// --- Shifts: count in [0, 127] ------------------------------------------------------------
s128 __ashlti3(s128 a, int b) {
    uint64_t h = hi(static_cast<u128>(a)), l = lo(static_cast<u128>(a));
    if (b & 64) h = l << (b & 63), l = 0;
    else if (b) h = (h << b) | (l >> (64 - b)), l <<= b;
    return static_cast<s128>(make(h, l));
}
s128 __lshrti3(s128 a, int b) {
    uint64_t h = hi(static_cast<u128>(a)), l = lo(static_cast<u128>(a));
    if (b & 64) l = h >> (b & 63), h = 0;
    else if (b) l = (l >> b) | (h << (64 - b)), h >>= b;
    return static_cast<s128>(make(h, l));
}
s128 __ashrti3(s128 a, int b) {
    uint64_t l = lo(static_cast<u128>(a));
    int64_t h = static_cast<int64_t>(hi(static_cast<u128>(a)));
    if (b & 64) l = static_cast<uint64_t>(h >> (b & 63)), h >>= 63;
    else if (b) l = (l >> b) | (static_cast<uint64_t>(h) << (64 - b)), h >>= b;
    return static_cast<s128>(make(static_cast<uint64_t>(h), l));
}

// --- Comparisons: 0 if a < b, 1 if a == b, 2 if a > b ----------------------------------------
int __cmpti2(s128 a, s128 b) {
    int64_t ah = static_cast<int64_t>(hi(static_cast<u128>(a))), bh = static_cast<int64_t>(hi(static_cast<u128>(b)));
    uint64_t al = lo(static_cast<u128>(a)), bl = lo(static_cast<u128>(b));
    if (ah != bh) return ah < bh ? 0 : 2;
    if (al != bl) return al < bl ? 0 : 2;
    return 1;
}
int __ucmpti2(u128 a, u128 b) {
    if (hi(a) != hi(b)) return hi(a) < hi(b) ? 0 : 2;
    if (lo(a) != lo(b)) return lo(a) < lo(b) ? 0 : 2;
    return 1;
}

} // extern "C"

namespace {
unsigned clz128(u128 x) { // x != 0
    return hi(x) ? static_cast<unsigned>(__builtin_clzll(hi(x))) : 64 + static_cast<unsigned>(__builtin_clzll(lo(x)));
}
u128 shl(u128 x, unsigned b) { return static_cast<u128>(__ashlti3(static_cast<s128>(x), static_cast<int>(b))); }
bool less(u128 a, u128 b) { return hi(a) != hi(b) ? hi(a) < hi(b) : lo(a) < lo(b); }
} // namespace

extern "C" {

// --- Division ----------------------------------------------------------------------------------
// Both operands within 64 bits: the ABI's 64-bit division. Otherwise shift-and-subtract long
// division, starting at the quotient's highest possible bit.
u128 __udivmodti4(u128 n, u128 d, u128* rem) {
    if (d == 0) __rt_divide_by_zero();
    if (hi(n) == 0 && hi(d) == 0) {
        uint64_t q = lo(n) / lo(d);
        if (rem) *rem = lo(n) - q * lo(d);
        return q;
    }
    u128 q = 0;
    if (!less(n, d)) {
        unsigned shift = clz128(d) - clz128(n);
        d = shl(d, shift);
        for (unsigned i = 0; i <= shift; ++i) {
            q = make(hi(q) << 1 | lo(q) >> 63, lo(q) << 1);
            if (!less(n, d)) n -= d, q |= 1;
            d = make(hi(d) >> 1, lo(d) >> 1 | hi(d) << 63);
        }
    }
    if (rem) *rem = n;
    return q;
}
u128 __udivti3(u128 n, u128 d) { return __udivmodti4(n, d, nullptr); }
u128 __umodti3(u128 n, u128 d) {
    u128 r;
    __udivmodti4(n, d, &r);
    return r;
}
s128 __divmodti4(s128 n, s128 d, s128* rem) { return rt::detail::sdivmod<s128, u128, __udivmodti4>(n, d, rem); }
s128 __divti3(s128 n, s128 d) { return __divmodti4(n, d, nullptr); }
s128 __modti3(s128 n, s128 d) {
    s128 r;
    __divmodti4(n, d, &r);
    return r;
}

// --- Multiplication with overflow check ----------------------------------------------------------
// The product of the magnitudes, |a| * |b|, must fit in 127 bits (128 with a negative result
// of exactly -2^127). With |a| = a1 * 2^64 + a0 and |b| likewise: a1 and b1 both nonzero
// overflows; otherwise |a| * |b| = (a1 * b0 + a0 * b1) * 2^64 + a0 * b0 with one cross term 0.
s128 __muloti4(s128 a, s128 b, int* overflow) {
    u128 ua = a < 0 ? 0 - static_cast<u128>(a) : static_cast<u128>(a);
    u128 ub = b < 0 ? 0 - static_cast<u128>(b) : static_cast<u128>(b);
    bool neg = (a < 0) != (b < 0);
    bool ovf = false;
    u128 mag = 0;
    if (hi(ua) && hi(ub)) {
        ovf = true;
    } else {
        u128 cross = static_cast<u128>(hi(ua)) * lo(ub) + static_cast<u128>(lo(ua)) * hi(ub);
        u128 low = static_cast<u128>(lo(ua)) * lo(ub);
        if (hi(cross)) {
            ovf = true;
        } else {
            mag = low + make(lo(cross), 0);
            if (less(mag, low)) ovf = true; // carry out of 128 bits
        }
    }
    if (!ovf) {
        u128 limit = make(uint64_t{1} << 63, 0); // 2^127
        ovf = neg ? less(limit, mag) : !less(mag, limit);
    }
    *overflow = ovf;
    // The result is the product modulo 2^128 either way.
    return static_cast<s128>(static_cast<u128>(a) * static_cast<u128>(b));
}

} // extern "C"
#endif
