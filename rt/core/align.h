// Power-of-two alignment of sizes and addresses. These do not check for overflow: they are for
// values known to fit (an address inside a mapping, a size already bounded). A size computed
// from what a caller passed is rounded with checked_align_up (rt/core/checked.h).
//
//   uintptr_t top = rt::align_down(stack_end, uintptr_t{16});
//   if (!rt::is_pow2(align)) return nullptr;
#pragma once

#include "rt/core/traits.h"

namespace rt {

template <class T> constexpr bool is_pow2(T v) { return v != 0 && (v & (v - 1)) == 0; }
// `a` must be a power of two.
template <class T> constexpr T align_down(T v, type_identity_t<T> a) { return v & ~(a - 1); }
template <class T> constexpr T align_up(T v, type_identity_t<T> a) { return (v + a - 1) & ~(a - 1); }
template <class T> constexpr bool is_aligned(T v, type_identity_t<T> a) { return (v & (a - 1)) == 0; }

static_assert(is_pow2(1u) && is_pow2(4096u) && !is_pow2(0u) && !is_pow2(12u) && align_down(4097u, 4096u) == 4096u &&
              align_up(4097u, 4096u) == 8192u && align_up(4096u, 4096u) == 4096u && is_aligned(64u, 16u) &&
              !is_aligned(65u, 2u));

} // namespace rt
