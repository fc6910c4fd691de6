// ceil and floor, which compilers call for __builtin_ceil/__builtin_floor where the ABI has no
// rounding instruction (libstdc++'s unordered containers size their bucket arrays with
// __builtin_ceil, which becomes a call to ceil on most ABIs: docs/abi.md, "Compiler
// helpers"). Interface: C17 7.12.9.1/7.12.9.2,
// Annex F.10.6.1/F.10.6.2: the smallest (largest) integral value not less (not greater) than x;
// ±0 and ±infinity are returned unchanged, a NaN is returned as a NaN, and the result does not
// depend on the rounding mode. ceil(-0.5) is -0.0, floor(0.5) is +0.0.
//
// Integer operations on the bit pattern only (no floating-point rounding, so nothing here can be
// compiled back into a call to ceil or floor, and no exception flag is raised but invalid for a
// signaling NaN); built without builtins (rt_nobuiltin in rt/meson.build).
#include <stdint.h>

namespace {

template <class F> struct Ieee;
template <> struct Ieee<double> {
    using Bits = uint64_t;
    static constexpr int MANT = 52, BIAS = 1023, EMAX = 2047;
};
template <> struct Ieee<float> {
    using Bits = uint32_t;
    static constexpr int MANT = 23, BIAS = 127, EMAX = 255;
};

// up: ceil, else floor.
template <class F> F round_integral(F x, bool up) {
    using T = Ieee<F>;
    using Bits = typename T::Bits;
    constexpr Bits SIGN = Bits{1} << (sizeof(Bits) * 8 - 1);
    constexpr Bits ONE = static_cast<Bits>(Bits{T::BIAS} << T::MANT); // the pattern of 1.0
    Bits b = __builtin_bit_cast(Bits, x);
    bool neg = (b & SIGN) != 0;
    int be = static_cast<int>((b >> T::MANT) & T::EMAX);
    if (be == T::EMAX) return x + x; // infinity unchanged; a NaN comes back quiet, as the FPU makes it
    int e = be - T::BIAS;
    if (e >= T::MANT) return x; // no fraction bits
    if (e < 0) {                // |x| < 1
        if ((b & ~SIGN) == 0) return x; // ±0
        if (up) return __builtin_bit_cast(F, neg ? SIGN : ONE);             // -0.0 or 1.0
        return __builtin_bit_cast(F, neg ? static_cast<Bits>(SIGN | ONE) : Bits{0}); // -1.0 or +0.0
    }
    Bits frac = (Bits{1} << (T::MANT - e)) - 1; // the fraction bits at this exponent
    if ((b & frac) == 0) return x;              // integral already
    // Toward +inf for positive ceil, toward -inf for negative floor: away from zero, i.e. one
    // unit (frac + 1) up in magnitude, which carries into the exponent when the significand
    // overflows; the other two cases truncate.
    if (up != neg) b += frac + 1;
    b &= ~frac;
    return __builtin_bit_cast(F, b);
}

} // namespace

extern "C" {
double ceil(double x) { return round_integral(x, true); }
double floor(double x) { return round_integral(x, false); }
float ceilf(float x) { return round_integral(x, true); }
float floorf(float x) { return round_integral(x, false); }
}
