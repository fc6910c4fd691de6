// vsnprintf for what the C++ library's headers use it for: std::to_string of a floating-point
// value (libstdc++ 12, ext/string_conversions.h via bits/basic_string.h, formats with "%f" for
// float and double and "%Lf" for long double). bedrock has no printf; this one accepts exactly
// those two formats and panics on any other, naming what to use instead.
//
// "%f" is the value's exact decimal expansion rounded to six places (ISO C 7.21.6.1: the
// conversion is correctly rounded in the current rounding mode, here to nearest; a value
// exactly halfway cannot occur with six places, as 10^-6 is no binary fraction), "inf" and
// "nan" for the special values, with a '-' for a set sign bit (-0.0 is "-0.000000", as in
// glibc). The value is taken apart into sign, integer significand M and binary exponent E
// (value = M * 2^E) for each long double format an ABI has — IEEE double, x87 80-bit extended,
// IEEE binary128, IBM double-double — and M * 10^6 * 2^E is computed exactly with a big
// integer, then printed.
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "rt/core/panic.h"

namespace {

// Enough 32-bit words for the largest value: binary128's and x87's maximum exponent is 16383,
// plus 113 significand bits and 20 bits for the factor 10^6.
constexpr int WORDS = (16384 + 113 + 24) / 32 + 2;

struct Big {
    uint32_t w[WORDS]; // little-endian words
    int n = 0;         // words in use; w[n-1] != 0 unless n == 0

    void trim() {
        while (n > 0 && w[n - 1] == 0) --n;
    }
    void set_u64(uint64_t v) {
        w[0] = static_cast<uint32_t>(v);
        w[1] = static_cast<uint32_t>(v >> 32);
        n = 2;
        trim();
    }
    void mul_small(uint32_t m) {
        uint64_t carry = 0;
        for (int i = 0; i < n; ++i) {
            uint64_t t = static_cast<uint64_t>(w[i]) * m + carry;
            w[i] = static_cast<uint32_t>(t);
            carry = t >> 32;
        }
        if (carry != 0) w[n++] = static_cast<uint32_t>(carry);
    }
    uint32_t divmod_small(uint32_t d) { // *this /= d, returns the remainder
        uint64_t rem = 0;
        for (int i = n - 1; i >= 0; --i) {
            uint64_t cur = (rem << 32) | w[i];
            w[i] = static_cast<uint32_t>(cur / d);
            rem = cur % d;
        }
        trim();
        return static_cast<uint32_t>(rem);
    }
    bool bit(int k) const { return k / 32 < n && ((w[k / 32] >> (k % 32)) & 1) != 0; }
    bool any_below(int k) const { // any bit below bit k set
        for (int i = 0; i < n && i * 32 < k; ++i) {
            uint32_t mask = (k - i * 32 >= 32) ? ~0u : ((1u << (k - i * 32)) - 1);
            if ((w[i] & mask) != 0) return true;
        }
        return false;
    }
    void shift_left(int s) {
        int words = s / 32, bits = s % 32;
        if (n == 0) return;
        if (bits != 0) {
            w[n] = 0;
            for (int i = n; i > 0; --i) w[i] = (w[i] << bits) | (w[i - 1] >> (32 - bits));
            w[0] <<= bits;
            ++n;
        }
        for (int i = n - 1; i >= 0; --i) w[i + words] = w[i];
        for (int i = 0; i < words; ++i) w[i] = 0;
        n += words;
        trim();
    }
    void shift_right(int s) {
        int words = s / 32, bits = s % 32;
        if (words >= n) {
            n = 0;
            return;
        }
        for (int i = 0; i + words < n; ++i) {
            uint32_t lo = w[i + words] >> bits;
            uint32_t hi = (bits != 0 && i + words + 1 < n) ? w[i + words + 1] << (32 - bits) : 0;
            w[i] = lo | hi;
        }
        n -= words;
        trim();
    }
    void add_one() {
        for (int i = 0; i < n; ++i)
            if (++w[i] != 0) return;
        w[n++] = 1;
    }
    void add(const Big& o) {
        uint64_t carry = 0;
        int m = n > o.n ? n : o.n;
        for (int i = 0; i < m; ++i) {
            uint64_t t = static_cast<uint64_t>(i < n ? w[i] : 0) + (i < o.n ? o.w[i] : 0) + carry;
            w[i] = static_cast<uint32_t>(t);
            carry = t >> 32;
        }
        n = m;
        if (carry != 0) w[n++] = 1;
    }
    void sub(const Big& o) { // *this -= o, *this >= o
        int64_t borrow = 0;
        for (int i = 0; i < n; ++i) {
            int64_t t = static_cast<int64_t>(w[i]) - (i < o.n ? o.w[i] : 0) - borrow;
            borrow = t < 0;
            w[i] = static_cast<uint32_t>(t + (borrow << 32));
        }
        trim();
    }
};

// A finite value as sign * M * 2^E, or a special one.
struct Parts {
    bool negative = false;
    bool inf = false, nan = false;
    Big m;
    int e = 0;
};

void from_double(double d, Parts& p) {
    uint64_t b;
    __builtin_memcpy(&b, &d, sizeof b);
    p.negative = (b >> 63) != 0;
    int exp = static_cast<int>((b >> 52) & 0x7ff);
    uint64_t frac = b & ((uint64_t{1} << 52) - 1);
    if (exp == 0x7ff) {
        (frac != 0 ? p.nan : p.inf) = true;
        return;
    }
    if (exp == 0) {
        p.m.set_u64(frac);
        p.e = -1074;
    } else {
        p.m.set_u64(frac | (uint64_t{1} << 52));
        p.e = exp - 1075;
    }
}

// Puts x * 2^(x_e - e) into x's place: aligns a double's parts to a lower exponent.
[[maybe_unused]] void align(Parts& x, int e) { // used for IBM double-double only
    x.m.shift_left(x.e - e);
    x.e = e;
}

void from_long_double(long double v, Parts& p) {
#if __LDBL_MANT_DIG__ == 53
    from_double(static_cast<double>(v), p);
#elif __LDBL_MANT_DIG__ == 64
    // x87 extended (i386, x86_64): 64-bit significand with an explicit integer bit, then
    // 15 exponent bits (bias 16383) and the sign, little-endian.
    unsigned char raw[sizeof v];
    __builtin_memcpy(raw, &v, sizeof v);
    uint64_t sig = 0;
    for (int i = 7; i >= 0; --i) sig = (sig << 8) | raw[i];
    unsigned se = raw[8] | (static_cast<unsigned>(raw[9]) << 8);
    p.negative = (se & 0x8000) != 0;
    int exp = static_cast<int>(se & 0x7fff);
    if (exp == 0x7fff) {
        ((sig << 1) != 0 ? p.nan : p.inf) = true;
        return;
    }
    p.m.set_u64(sig);
    p.e = (exp == 0 ? 1 : exp) - 16383 - 63;
#elif __LDBL_MANT_DIG__ == 113
    // IEEE binary128: sign, 15 exponent bits (bias 16383), 112 fraction bits; hi and lo are
    // its upper and lower 64 bits, stored in the ABI's byte order.
    unsigned char raw[16];
    __builtin_memcpy(raw, &v, 16);
    uint64_t hi = 0, lo = 0;
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    for (int i = 15; i >= 8; --i) hi = (hi << 8) | raw[i];
    for (int i = 7; i >= 0; --i) lo = (lo << 8) | raw[i];
#else
    for (int i = 0; i < 8; ++i) hi = (hi << 8) | raw[i];
    for (int i = 8; i < 16; ++i) lo = (lo << 8) | raw[i];
#endif
    p.negative = (hi >> 63) != 0;
    int exp = static_cast<int>((hi >> 48) & 0x7fff);
    uint64_t fhi = hi & ((uint64_t{1} << 48) - 1);
    if (exp == 0x7fff) {
        ((fhi | lo) != 0 ? p.nan : p.inf) = true;
        return;
    }
    if (exp != 0) fhi |= uint64_t{1} << 48;
    p.m.set_u64(fhi);
    p.m.shift_left(64);
    Big low;
    low.set_u64(lo);
    p.m.add(low);
    p.e = (exp == 0 ? 1 : exp) - 16383 - 112;
#elif __LDBL_MANT_DIG__ == 106
    // IBM double-double (powerpc): the value is the exact sum of two doubles, hi + lo, with
    // |lo| <= half an ulp of hi.
    double parts[2];
    __builtin_memcpy(parts, &v, sizeof parts);
    from_double(parts[0], p);
    if (p.inf || p.nan || parts[1] == 0) return;
    Parts q;
    from_double(parts[1], q);
    int e = p.e < q.e ? p.e : q.e;
    align(p, e);
    align(q, e);
    if (q.negative == p.negative)
        p.m.add(q.m);
    else
        p.m.sub(q.m);
#else
#error "vsnprintf: unknown long double format"
#endif
}

// Writes "%f" of p into out (which has room for it: see the caller), returns the length.
size_t format_f(Parts& p, char* out) {
    size_t len = 0;
    if (p.negative) out[len++] = '-';
    if (p.inf || p.nan) {
        const char* s = p.inf ? "inf" : "nan";
        for (int i = 0; i < 3; ++i) out[len++] = s[i];
        return len;
    }
    Big& m = p.m;
    m.mul_small(1000000);
    if (p.e >= 0) {
        m.shift_left(p.e);
    } else {
        int s = -p.e;
        bool half = m.bit(s - 1), sticky = s > 1 && m.any_below(s - 1);
        m.shift_right(s);
        if (half && (sticky || m.bit(0))) m.add_one();
    }
    // Decimal digits, least significant first, in nine-digit chunks.
    static constexpr int MAX_DIGITS = WORDS * 10 + 16;
    char digits[MAX_DIGITS];
    int nd = 0;
    while (m.n != 0) {
        uint32_t chunk = m.divmod_small(1000000000u);
        for (int i = 0; i < 9; ++i, chunk /= 10) digits[nd++] = static_cast<char>('0' + chunk % 10);
    }
    while (nd > 0 && digits[nd - 1] == '0') --nd;
    while (nd < 7) digits[nd++] = '0'; // at least "0.000000"
    for (int i = nd - 1; i >= 0; --i) {
        out[len++] = digits[i];
        if (i == 6) out[len++] = '.';
    }
    return len;
}

} // namespace

extern "C" int vsnprintf(char* buf, size_t size, const char* fmt, va_list ap) {
    bool is_long;
    if (fmt[0] == '%' && fmt[1] == 'f' && fmt[2] == 0)
        is_long = false;
    else if (fmt[0] == '%' && fmt[1] == 'L' && fmt[2] == 'f' && fmt[3] == 0)
        is_long = true;
    else
        rt::panic("vsnprintf: bedrock formats only \"%f\" and \"%Lf\" (std::to_string's); use rt::format_to");
    Parts p;
    if (is_long)
        from_long_double(va_arg(ap, long double), p);
    else
        from_double(va_arg(ap, double), p);
    static constexpr size_t MAX_OUT = WORDS * 10 + 16;
    char out[MAX_OUT];
    size_t len = format_f(p, out);
    if (size != 0) {
        size_t k = len < size - 1 ? len : size - 1;
        for (size_t i = 0; i < k; ++i) buf[i] = out[i];
        buf[k] = 0;
    }
    return static_cast<int>(len);
}

#if __LDBL_MANT_DIG__ == 53
// glibc's headers call this name instead where long double is double on an ABI whose glibc has
// a wider one (e.g. clang's sparc32, sys/cdefs.h __LDBL_COMPAT): "%Lf" then takes a double.
extern "C" int __nldbl_vsnprintf(char* buf, size_t size, const char* fmt, va_list ap)
    __attribute__((alias("vsnprintf")));
#endif
