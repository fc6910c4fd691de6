// Integer helpers that compilers call instead of emitting inline code: 64-bit division on
// 32-bit ABIs, and bit operations on ABIs without the instruction (sparc v8 has no clz).
// Normally libgcc or compiler-rt provides them, but bedrock links with -nostdlib, and Debian
// ships no libgcc at all for several of its ABIs (n32, sparc32) and none of compiler-rt's
// builtins for cross targets. The names and semantics are libgcc's (gcc/libgcc/libgcc2.c).
// Nothing here may use the operation it implements: every loop below uses only shifts,
// compares and subtraction on the operand width.
#include <stdint.h>

#include "rt/builtins/divmod.h"

extern "C" {

uint64_t __udivmoddi4(uint64_t n, uint64_t d, uint64_t* rem);
[[noreturn]] void __rt_divide_by_zero();

unsigned __clzsi2(uint32_t x) {
    unsigned n = 0;
    if (x == 0) return 32;
    if (!(x & 0xffff0000u)) n += 16, x <<= 16;
    if (!(x & 0xff000000u)) n += 8, x <<= 8;
    if (!(x & 0xf0000000u)) n += 4, x <<= 4;
    if (!(x & 0xc0000000u)) n += 2, x <<= 2;
    if (!(x & 0x80000000u)) n += 1;
    return n;
}
unsigned __clzdi2(uint64_t x) {
    uint32_t hi = static_cast<uint32_t>(x >> 32);
    return hi ? __clzsi2(hi) : 32 + __clzsi2(static_cast<uint32_t>(x));
}
unsigned __ctzsi2(uint32_t x) {
    if (x == 0) return 32;
    unsigned n = 0;
    while (!(x & 1)) x >>= 1, ++n;
    return n;
}
unsigned __ctzdi2(uint64_t x) {
    uint32_t lo = static_cast<uint32_t>(x);
    return lo ? __ctzsi2(lo) : 32 + __ctzsi2(static_cast<uint32_t>(x >> 32));
}
unsigned __popcountsi2(uint32_t x) {
    x = x - ((x >> 1) & 0x55555555u);
    x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
    x = (x + (x >> 4)) & 0x0f0f0f0fu;
    return (x + (x >> 8) + (x >> 16) + (x >> 24)) & 0x3f;
}
unsigned __popcountdi2(uint64_t x) {
    return __popcountsi2(static_cast<uint32_t>(x)) + __popcountsi2(static_cast<uint32_t>(x >> 32));
}
uint32_t __bswapsi2(uint32_t x) {
    return (x >> 24) | ((x >> 8) & 0xff00u) | ((x << 8) & 0xff0000u) | (x << 24);
}
uint64_t __bswapdi2(uint64_t x) {
    return (static_cast<uint64_t>(__bswapsi2(static_cast<uint32_t>(x))) << 32) | __bswapsi2(static_cast<uint32_t>(x >> 32));
}

// 64-bit shifts by a variable count, which clang's 32-bit sparc backend calls (the division
// below needs one). Built from 32-bit shifts of the halves; count in [0, 63].
uint64_t __ashldi3(uint64_t x, int b) {
    uint32_t lo = static_cast<uint32_t>(x), hi = static_cast<uint32_t>(x >> 32);
    if (b & 32) hi = lo << (b & 31), lo = 0;
    else if (b) hi = (hi << b) | (lo >> (32 - b)), lo <<= b;
    return (static_cast<uint64_t>(hi) << 32) | lo;
}
uint64_t __lshrdi3(uint64_t x, int b) {
    uint32_t lo = static_cast<uint32_t>(x), hi = static_cast<uint32_t>(x >> 32);
    if (b & 32) lo = hi >> (b & 31), hi = 0;
    else if (b) lo = (lo >> b) | (hi << (32 - b)), hi >>= b;
    return (static_cast<uint64_t>(hi) << 32) | lo;
}
int64_t __ashrdi3(int64_t x, int b) {
    uint32_t lo = static_cast<uint32_t>(x);
    int32_t hi = static_cast<int32_t>(static_cast<uint64_t>(x) >> 32);
    if (b & 32) lo = static_cast<uint32_t>(hi >> (b & 31)), hi >>= 31;
    else if (b) lo = (lo >> b) | (static_cast<uint32_t>(hi) << (32 - b)), hi >>= b;
    return static_cast<int64_t>((static_cast<uint64_t>(static_cast<uint32_t>(hi)) << 32) | lo);
}

} // extern "C"

namespace {
// Shift-and-subtract long division at width U, skipping the quotient bits known to be zero.
template <class U, unsigned (*clz)(U)> U udivmod(U n, U d, U* rem) {
    if (d == 0) __rt_divide_by_zero();
    U q = 0;
    if (n >= d) {
        unsigned shift = clz(d) - clz(n);
        d <<= shift;
        for (unsigned i = 0; i <= shift; ++i) {
            q <<= 1;
            if (n >= d) n -= d, q |= 1;
            d >>= 1;
        }
    }
    if (rem) *rem = n;
    return q;
}
} // namespace

extern "C" {

uint64_t __udivmoddi4(uint64_t n, uint64_t d, uint64_t* rem) { return udivmod<uint64_t, __clzdi2>(n, d, rem); }
uint64_t __udivdi3(uint64_t n, uint64_t d) { return __udivmoddi4(n, d, nullptr); }
uint64_t __umoddi3(uint64_t n, uint64_t d) {
    uint64_t r;
    __udivmoddi4(n, d, &r);
    return r;
}
int64_t __divmoddi4(int64_t n, int64_t d, int64_t* rem) {
    return rt::detail::sdivmod<int64_t, uint64_t, __udivmoddi4>(n, d, rem);
}
int64_t __divdi3(int64_t n, int64_t d) { return __divmoddi4(n, d, nullptr); }
int64_t __moddi3(int64_t n, int64_t d) {
    int64_t r;
    __divmoddi4(n, d, &r);
    return r;
}

// 32-bit division, for ABIs whose CPUs may lack a divide instruction (armv7-a).
uint32_t __udivmodsi4(uint32_t n, uint32_t d, uint32_t* rem) { return udivmod<uint32_t, __clzsi2>(n, d, rem); }
uint32_t __udivsi3(uint32_t n, uint32_t d) { return __udivmodsi4(n, d, nullptr); }
uint32_t __umodsi3(uint32_t n, uint32_t d) {
    uint32_t r;
    __udivmodsi4(n, d, &r);
    return r;
}
int32_t __divsi3(int32_t n, int32_t d) {
    uint32_t un = n < 0 ? 0u - static_cast<uint32_t>(n) : static_cast<uint32_t>(n);
    uint32_t ud = d < 0 ? 0u - static_cast<uint32_t>(d) : static_cast<uint32_t>(d);
    uint32_t q = __udivmodsi4(un, ud, nullptr);
    return (n < 0) != (d < 0) ? -static_cast<int32_t>(q) : static_cast<int32_t>(q);
}
int32_t __modsi3(int32_t n, int32_t d) {
    uint32_t un = n < 0 ? 0u - static_cast<uint32_t>(n) : static_cast<uint32_t>(n);
    uint32_t ud = d < 0 ? 0u - static_cast<uint32_t>(d) : static_cast<uint32_t>(d);
    uint32_t r;
    __udivmodsi4(un, ud, &r);
    return n < 0 ? -static_cast<int32_t>(r) : static_cast<int32_t>(r);
}

#ifdef __SIZEOF_INT128__
// 128-bit multiplication, which clang calls on sparc64 (e.g. for overflow checks) where the
// back end has no inline expansion. Built from 64-bit products of 32-bit halves.
__int128 __multi3(__int128 a, __int128 b) {
    auto ua = static_cast<unsigned __int128>(a), ub = static_cast<unsigned __int128>(b);
    uint64_t a0 = static_cast<uint64_t>(ua), a1 = static_cast<uint64_t>(ua >> 64);
    uint64_t b0 = static_cast<uint64_t>(ub), b1 = static_cast<uint64_t>(ub >> 64);
    // a0 * b0 in full, from four 32 x 32 -> 64 products.
    uint64_t x0 = a0 & 0xffffffffu, x1 = a0 >> 32, y0 = b0 & 0xffffffffu, y1 = b0 >> 32;
    uint64_t p00 = x0 * y0, p01 = x0 * y1, p10 = x1 * y0, p11 = x1 * y1;
    uint64_t mid = (p00 >> 32) + (p01 & 0xffffffffu) + (p10 & 0xffffffffu);
    uint64_t lo = (mid << 32) | (p00 & 0xffffffffu);
    uint64_t hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
    hi += a0 * b1 + a1 * b0; // the cross terms only reach the high half (mod 2^128)
    return static_cast<__int128>((static_cast<unsigned __int128>(hi) << 64) | lo);
}
#endif

} // extern "C"
