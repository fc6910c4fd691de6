// Overflow-checked size and address arithmetic: the one way rt/thread, rt/mem, rt/exec and
// rt/start compute a size from sizes they were given (docs/conventions.md). Each returns false,
// leaving *out unspecified, when the exact result does not fit the type; the compiler's
// __builtin_*_overflow does the work (a flag test after the instruction on every ABI).
//
//   size_t len;
//   if (!checked_mul(n, sizeof(Thread), &len)) return unexpected(SpawnError::OutOfMemory);
#pragma once

#include <stddef.h>

namespace rt {

template <class T> constexpr bool checked_add(T a, T b, T* out) { return !__builtin_add_overflow(a, b, out); }
template <class T> constexpr bool checked_mul(T a, T b, T* out) { return !__builtin_mul_overflow(a, b, out); }

// v rounded up to a multiple of `align`, a power of two.
constexpr bool checked_align_up(size_t v, size_t align, size_t* out) {
    size_t t;
    if (!checked_add(v, align - 1, &t)) return false;
    *out = t & ~(align - 1);
    return true;
}

// The sum of all the terms.
template <class T, class... R> constexpr bool checked_sum(T* out, T first, R... rest) {
    T acc = first;
    if (!(checked_add(acc, static_cast<T>(rest), &acc) && ...)) return false;
    *out = acc;
    return true;
}

// The smallest power of two >= v (1 for 0); false when it is beyond size_t.
constexpr bool checked_pow2_ceil(size_t v, size_t* out) {
    if (v > size_t{1} << (8 * sizeof(size_t) - 1)) return false;
    size_t p = 1;
    while (p < v) p <<= 1;
    *out = p;
    return true;
}

static_assert([] {
    size_t r = 0;
    return checked_pow2_ceil(0, &r) && r == 1 && checked_pow2_ceil(17, &r) && r == 32 && !checked_pow2_ceil(~size_t{0}, &r) &&
           !checked_add(~size_t{0}, size_t{1}, &r) && checked_align_up(4097, 4096, &r) && r == 8192 &&
           !checked_align_up(~size_t{0} - 10, 4096, &r) && !checked_sum(&r, size_t{1}, ~size_t{0} - 1, size_t{1});
}());

} // namespace rt
