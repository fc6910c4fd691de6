// Conversions between binary floating point and integers wider than the hardware converts
// itself: 64-bit integers on 32-bit ABIs (mips o32, ppc, sparc with clang, riscv32; ARM's
// __aeabi_ names in rt/arch/arm/aeabi.S wrap these), 128-bit integers on 64-bit ABIs, and the
// family's unsigned 32-bit members, which no configuration's compilers call today (they convert
// inline; docs/abi.md lists who calls what). Normally libgcc or compiler-rt provides them;
// bedrock links with -nostdlib. Names and semantics are those of the GCC internals manual,
// "Libgcc / Routines for floating point emulation / Conversion functions" (sf = float,
// df = double; si, di, ti = 32-, 64-, 128-bit integers; "fix" = float -> integer, "float" =
// integer -> float, "uns" = unsigned integer).
//
// C semantics: float -> integer truncates toward zero; integer -> float rounds to nearest,
// ties to even, once (uint64 -> float is not uint64 -> double -> float, which can round twice).
// A float -> integer conversion whose truncated value does not fit is undefined in C; here it
// saturates (to the type's minimum or maximum; NaN gives 0), as Arm's VCVT does.
//
// Everything works on the IEEE 754 bit patterns with integer operations only: no floating-point
// conversion appears in this file, so none can be compiled into a call to a helper defined
// here. (The float -> 128-bit conversions shift 128-bit values, which some back ends implement
// by calling __ashlti3/__lshrti3 in rt/builtins/int128.cpp: not a cycle.) Built without
// builtins (rt_nobuiltin in rt/meson.build). Floating-point exception flags are not raised.
#include <stdint.h>

namespace {

template <class F> struct Ieee;
template <> struct Ieee<double> {
    using Bits = uint64_t;
    static constexpr int MANT = 52, BIAS = 1023, EMAX = 2047; // fraction bits, bias, all-ones exponent
};
template <> struct Ieee<float> {
    using Bits = uint32_t;
    static constexpr int MANT = 23, BIAS = 127, EMAX = 255;
};

// |x| truncated to an integer of type U. kind: 0 = fits in U, 1 = |x| >= 2^(bits of U) or
// infinite, 2 = NaN.
template <class U, class F> U trunc_magnitude(F x, bool& neg, int& kind) {
    using T = Ieee<F>;
    using Bits = typename T::Bits;
    constexpr int WIDTH = static_cast<int>(sizeof(U) * 8);
    Bits b = __builtin_bit_cast(Bits, x);
    neg = (b >> (sizeof(Bits) * 8 - 1)) != 0;
    int be = static_cast<int>((b >> T::MANT) & T::EMAX);
    Bits frac = b & ((Bits{1} << T::MANT) - 1);
    kind = 0;
    if (be == T::EMAX) {
        kind = frac ? 2 : 1;
        return 0;
    }
    int e = be - T::BIAS; // x = 1.frac * 2^e
    if (e < 0) return 0;  // |x| < 1: zeros, subnormals, fractions
    if (e >= WIDTH) {
        kind = 1;
        return 0;
    }
    Bits sig = frac | (Bits{1} << T::MANT);
    // Fraction bits drop out in the format's width (the result may be narrower); whole bits
    // shift up in U's.
    if (e < T::MANT) return static_cast<U>(sig >> (T::MANT - e));
    return static_cast<U>(static_cast<U>(sig) << (e - T::MANT));
}

template <class U, class F> U fix_unsigned(F x) {
    bool neg;
    int kind;
    U m = trunc_magnitude<U>(x, neg, kind);
    if (kind == 2) return 0;
    if (neg) return 0; // (-1, 0] truncates to 0; below that saturates to 0
    if (kind == 1) return static_cast<U>(~U{0});
    return m;
}

template <class S, class U, class F> S fix_signed(F x) {
    bool neg;
    int kind;
    U m = trunc_magnitude<U>(x, neg, kind);
    const U limit = static_cast<U>(U{1} << (sizeof(U) * 8 - 1)); // |minimum|
    if (kind == 2) return 0;
    if (neg) {
        if (kind == 1 || m >= limit) return static_cast<S>(limit); // the minimum, also exactly
        return static_cast<S>(static_cast<U>(0 - m));
    }
    if (kind == 1 || m >= limit) return static_cast<S>(static_cast<U>(limit - 1));
    return static_cast<S>(m);
}

unsigned bit_length(uint64_t m) { return 64 - static_cast<unsigned>(__builtin_clzll(m)); } // m != 0

// (-1)^neg * m * 2^scale, rounded once to nearest-even. m < 2^64; scale >= 0.
template <class F> F make_float(bool neg, uint64_t m, int scale) {
    using T = Ieee<F>;
    using Bits = typename T::Bits;
    constexpr int P = T::MANT + 1; // significand bits
    Bits sign = static_cast<Bits>(neg ? Bits{1} << (sizeof(Bits) * 8 - 1) : 0);
    if (m == 0) return __builtin_bit_cast(F, sign);
    int n = static_cast<int>(bit_length(m));
    uint64_t sig;
    if (n <= P) {
        sig = m << (P - n);
    } else {
        int s = n - P;
        sig = m >> s;
        uint64_t rest = m & ((uint64_t{1} << s) - 1), half = uint64_t{1} << (s - 1);
        if (rest > half || (rest == half && (sig & 1))) {
            ++sig;
            if (sig >> P) sig >>= 1, ++n; // carried into a new leading bit: 2^P -> 2^(P-1), one binade up
        }
    }
    int be = n - 1 + scale + T::BIAS;
    if (be >= T::EMAX) return __builtin_bit_cast(F, static_cast<Bits>(sign | (Bits{T::EMAX} << T::MANT))); // infinity
    Bits b = sign | (static_cast<Bits>(be) << T::MANT) | (static_cast<Bits>(sig) & ((Bits{1} << T::MANT) - 1));
    return __builtin_bit_cast(F, b);
}

template <class F> F from_u64(uint64_t u) { return make_float<F>(false, u, 0); }
template <class F> F from_s64(int64_t v) {
    uint64_t u = static_cast<uint64_t>(v);
    return v < 0 ? make_float<F>(true, 0 - u, 0) : make_float<F>(false, u, 0);
}

} // namespace

extern "C" {

// --- 32-bit unsigned --------------------------------------------------------------------
uint32_t __fixunsdfsi(double x) { return fix_unsigned<uint32_t>(x); }
uint32_t __fixunssfsi(float x) { return fix_unsigned<uint32_t>(x); }
double __floatunsidf(uint32_t u) { return from_u64<double>(u); }
float __floatunsisf(uint32_t u) { return from_u64<float>(u); }

// --- 64-bit -----------------------------------------------------------------------------
int64_t __fixdfdi(double x) { return fix_signed<int64_t, uint64_t>(x); }
int64_t __fixsfdi(float x) { return fix_signed<int64_t, uint64_t>(x); }
uint64_t __fixunsdfdi(double x) { return fix_unsigned<uint64_t>(x); }
uint64_t __fixunssfdi(float x) { return fix_unsigned<uint64_t>(x); }
double __floatdidf(int64_t v) { return from_s64<double>(v); }
float __floatdisf(int64_t v) { return from_s64<float>(v); }
double __floatundidf(uint64_t u) { return from_u64<double>(u); }
float __floatundisf(uint64_t u) { return from_u64<float>(u); }

} // extern "C"

#ifdef __SIZEOF_INT128__
namespace {
using u128 = unsigned __int128;

// u = m * 2^scale with m < 2^64, rounded to odd: the bits shifted out of m are folded into its
// lowest bit. Rounding that to 24 or 53 bits equals rounding u itself (64 >= 53 + 2), so
// make_float rounds the 128-bit value exactly once.
template <class F> F from_u128(bool neg, u128 u) {
    uint64_t hi = static_cast<uint64_t>(u >> 64), lo = static_cast<uint64_t>(u);
    if (hi == 0) return make_float<F>(neg, lo, 0);
    int s = static_cast<int>(bit_length(hi)); // 1..64: u has 64 + s bits
    uint64_t m, lost;
    if (s == 64) {
        m = hi, lost = lo;
    } else {
        m = (hi << (64 - s)) | (lo >> s);
        lost = lo & ((uint64_t{1} << s) - 1);
    }
    return make_float<F>(neg, m | (lost != 0), s);
}
template <class F> F from_s128(__int128 v) {
    u128 u = static_cast<u128>(v);
    return v < 0 ? from_u128<F>(true, 0 - u) : from_u128<F>(false, u);
}
} // namespace

extern "C" {
__int128 __fixdfti(double x) { return fix_signed<__int128, u128>(x); }
__int128 __fixsfti(float x) { return fix_signed<__int128, u128>(x); }
u128 __fixunsdfti(double x) { return fix_unsigned<u128>(x); }
u128 __fixunssfti(float x) { return fix_unsigned<u128>(x); }
double __floattidf(__int128 v) { return from_s128<double>(v); }
float __floattisf(__int128 v) { return from_s128<float>(v); }
double __floatuntidf(u128 u) { return from_u128<double>(false, u); }
float __floatuntisf(u128 u) { return from_u128<float>(false, u); }
} // extern "C"
#endif
