// The conversion, 128-bit and bit helpers compilers call on their own (rt/builtins/float_int.cpp,
// int128.cpp, cmp_bits.cpp, ARM's __aeabi_ conversions in rt/arch/arm/aeabi.S) and ceil/floor
// (rt/libc/math.cpp), each reached two ways: through ordinary C++ on volatile operands, which
// makes the compiler emit the call where the ABI needs one (nm of this test shows __fixdfdi,
// __floatundisf, … on mips o32, ppc, sparc, riscv32, __aeabi_d2lz, … on arm), and by name, so
// every helper runs on every ABI, including those whose compilers never call it.
//
// Expected values are constants (boundaries, ties, the uint64 -> float double-rounding trap) and,
// for random inputs, references built only from conversions every ABI does inline (32-bit
// integers <-> double, double -> float) and exact double arithmetic. Out-of-range float ->
// integer conversions are undefined in C: the casts are not tested there; the helpers' own
// saturating results are, by name.
#include "harness/rng.h"
#include "harness/tap.h"

#include <stdint.h>

extern "C" {
uint32_t __fixunsdfsi(double);
uint32_t __fixunssfsi(float);
double __floatunsidf(uint32_t);
float __floatunsisf(uint32_t);
int64_t __fixdfdi(double);
int64_t __fixsfdi(float);
uint64_t __fixunsdfdi(double);
uint64_t __fixunssfdi(float);
double __floatdidf(int64_t);
float __floatdisf(int64_t);
double __floatundidf(uint64_t);
float __floatundisf(uint64_t);
int __cmpdi2(int64_t, int64_t);
int __ucmpdi2(uint64_t, uint64_t);
int __ffsdi2(uint64_t);
int __paritysi2(uint32_t);
int __paritydi2(uint64_t);
double ceil(double);
double floor(double);
float ceilf(float);
float floorf(float);
#ifdef __SIZEOF_INT128__
__int128 __fixdfti(double);
__int128 __fixsfti(float);
unsigned __int128 __fixunsdfti(double);
unsigned __int128 __fixunssfti(float);
double __floattidf(__int128);
float __floattisf(__int128);
double __floatuntidf(unsigned __int128);
float __floatuntisf(unsigned __int128);
__int128 __ashlti3(__int128, int);
__int128 __lshrti3(__int128, int);
__int128 __ashrti3(__int128, int);
int __cmpti2(__int128, __int128);
int __ucmpti2(unsigned __int128, unsigned __int128);
unsigned __int128 __udivmodti4(unsigned __int128, unsigned __int128, unsigned __int128*);
unsigned __int128 __udivti3(unsigned __int128, unsigned __int128);
unsigned __int128 __umodti3(unsigned __int128, unsigned __int128);
__int128 __divmodti4(__int128, __int128, __int128*);
__int128 __divti3(__int128, __int128);
__int128 __modti3(__int128, __int128);
__int128 __muloti4(__int128, __int128, int*);
#endif
#if defined(__arm__)
// RTABI: the floating-point helpers use the base (soft-float) calling convention, also in
// hard-float programs.
#define AAPCS_BASE __attribute__((pcs("aapcs")))
AAPCS_BASE int64_t __aeabi_d2lz(double);
AAPCS_BASE uint64_t __aeabi_d2ulz(double);
AAPCS_BASE int64_t __aeabi_f2lz(float);
AAPCS_BASE uint64_t __aeabi_f2ulz(float);
AAPCS_BASE double __aeabi_l2d(int64_t);
AAPCS_BASE double __aeabi_ul2d(uint64_t);
AAPCS_BASE float __aeabi_l2f(int64_t);
AAPCS_BASE float __aeabi_ul2f(uint64_t);
#endif
}

namespace {

// A read the compiler cannot see through, so that the conversion really happens at run time.
template <class T> T vol(T v) {
    volatile T x = v;
    return x;
}

uint64_t bits(double d) { return __builtin_bit_cast(uint64_t, d); }
uint32_t bits(float f) { return __builtin_bit_cast(uint32_t, f); }
double dbl(uint64_t b) { return __builtin_bit_cast(double, b); }
float flt(uint32_t b) { return __builtin_bit_cast(float, b); }

// Reports the first few mismatches of a case with the input and both results as hex.
struct Mismatches {
    int count = 0;
    void operator()(const char* what, uint64_t in, uint64_t got, uint64_t want, int line) {
        if (count++ >= 8) return;
        char msg[256];
        rt::format_to(msg, sizeof msg, "{}: input {:#x}: got {:#x}, want {:#x}", what, in, got, want);
        rt::test::note_failure(__FILE__, line, msg);
    }
};
#define EXPECT_BITS(m, what, in, got, want)                                                      \
    do {                                                                                         \
        uint64_t g_ = static_cast<uint64_t>(got), w_ = static_cast<uint64_t>(want);             \
        if (g_ != w_) m(what, static_cast<uint64_t>(in), g_, w_, __LINE__);                     \
    } while (0)

rt::test::Xorshift64 g_rng{0x2545f4914f6cdd1dull};
uint64_t next() { return g_rng.next(); }
unsigned bit_length(uint64_t v) {
    unsigned n = 0;
    while (v) v >>= 1, ++n;
    return n;
}
// A random integer of random length; a quarter of them placed exactly on, or one off, the
// rounding boundary of a float or double significand (the ties that must round to even).
uint64_t random_u64() {
    uint64_t v = next() >> (next() & 63);
    unsigned n = bit_length(v), p = (next() & 1) ? 24 : 53;
    if ((next() & 3) == 0 && n > p + 1) {
        unsigned s = n - p;
        v = (v & ~((uint64_t{1} << s) - 1)) | (uint64_t{1} << (s - 1));
        v += (next() % 3) - 1; // tie - 1, tie, tie + 1
    }
    return v;
}
// A random finite double with |x| < 2^limit (bit pattern built directly: no conversion).
double random_double(int limit) {
    uint64_t exp = 1023 - 2 + next() % static_cast<uint64_t>(limit + 2);
    uint64_t frac = next() & ((uint64_t{1} << 52) - 1);
    if ((next() & 3) == 0) frac &= ~((uint64_t{1} << (next() % 53)) - 1); // integral more often
    return dbl((next() & 1) << 63 | exp << 52 | frac);
}

// --- References ---------------------------------------------------------------------------
double pow2(int n) {
    double p = 1.0;
    while (n-- > 0) p *= 2.0;
    return p;
}
// Two exact terms and one correctly rounded addition: uint64 -> double rounded once.
double ref_u64_to_double(uint64_t u) {
    return static_cast<double>(static_cast<uint32_t>(u >> 32)) * 4294967296.0 + static_cast<double>(static_cast<uint32_t>(u));
}
// Rounded to odd at 53 bits (shifted-out bits folded into the lowest), which is exact in a
// double; the hardware's double -> float rounding of that equals rounding u once.
float ref_u64_to_float(uint64_t u) {
    unsigned s = 0;
    while ((u >> s) >> 53) ++s;
    uint64_t v = u >> s;
    if (s && (u & ((uint64_t{1} << s) - 1))) v |= 1;
    return static_cast<float>(ref_u64_to_double(v) * pow2(static_cast<int>(s)));
}
double ref_s64_to_double(int64_t v) {
    return v < 0 ? -ref_u64_to_double(0 - static_cast<uint64_t>(v)) : ref_u64_to_double(static_cast<uint64_t>(v));
}
float ref_s64_to_float(int64_t v) {
    return v < 0 ? -ref_u64_to_float(0 - static_cast<uint64_t>(v)) : ref_u64_to_float(static_cast<uint64_t>(v));
}
// Truncation of 0 <= x < 2^64 through two double -> uint32 conversions (inline everywhere);
// x - h * 2^32 is exact (Sterbenz).
uint64_t ref_double_to_u64(double x) {
    if (x < 1.0) return 0;
    uint32_t h = static_cast<uint32_t>(x * 0x1p-32);
    uint32_t l = static_cast<uint32_t>(x - static_cast<double>(h) * 4294967296.0);
    return static_cast<uint64_t>(h) << 32 | l;
}
int64_t ref_double_to_s64(double x) {
    return x < 0 ? static_cast<int64_t>(0 - ref_double_to_u64(-x)) : static_cast<int64_t>(ref_double_to_u64(x));
}

} // namespace

// --- 64-bit: float -> integer ------------------------------------------------------------------

TEST("double -> int64 truncates toward zero at the boundaries (cast, __fixdfdi, __aeabi_d2lz)") {
    struct { double in; int64_t out; } cases[] = {
        {0.0, 0}, {-0.0, 0}, {1.0, 1}, {-1.0, -1}, {0.5, 0}, {-0.5, 0}, {0x1.fffffffffffffp-1, 0},
        {-0x1.fffffffffffffp-1, 0}, {1.5, 1}, {-1.5, -1}, {-2.75, -2}, {0x1p-1074, 0}, {-0x1p-1074, 0},
        {123456789.987, 123456789}, {-123456789.987, -123456789},
        {0x1.fffffffffffffp51, 4503599627370495}, {-0x1.fffffffffffffp51, -4503599627370495}, // 2^52 - 0.5
        {0x1p53 - 1, 9007199254740991}, {0x1p53, 9007199254740992}, {0x1p53 + 2, 9007199254740994},
        {-(0x1p53 + 2), -9007199254740994}, {1e18, 1000000000000000000}, {0x1p62, 4611686018427387904},
        {0x1.fffffffffffffp62, 9223372036854774784}, {-0x1.fffffffffffffp62, -9223372036854774784},
        {-0x1p63, INT64_MIN},
    };
    Mismatches m;
    for (auto& c : cases) {
        EXPECT_BITS(m, "cast", bits(c.in), static_cast<int64_t>(vol(c.in)), c.out);
        EXPECT_BITS(m, "__fixdfdi", bits(c.in), __fixdfdi(vol(c.in)), c.out);
#if defined(__arm__)
        EXPECT_BITS(m, "__aeabi_d2lz", bits(c.in), __aeabi_d2lz(vol(c.in)), c.out);
#endif
    }
    CHECK_EQ(m.count, 0);
}

TEST("double -> uint64 truncates, up to 2^64 - 2048 (cast, __fixunsdfdi, __aeabi_d2ulz)") {
    struct { double in; uint64_t out; } cases[] = {
        {0.0, 0}, {-0.0, 0}, {0.5, 0}, {-0.5, 0}, {-0x1.fffffffffffffp-1, 0}, {1.0, 1}, {1.5, 1},
        {12345.6789, 12345}, {0x1p52 + 0.5, 4503599627370496}, {0x1p53 + 2, 9007199254740994},
        {0x1.fffffffffffffp62, 9223372036854774784u}, {0x1p63, 9223372036854775808u},
        {0x1.0000000000001p63, 9223372036854777856u}, {0x1.fffffffffffffp63, 18446744073709549568u},
    };
    Mismatches m;
    for (auto& c : cases) {
        EXPECT_BITS(m, "cast", bits(c.in), static_cast<uint64_t>(vol(c.in)), c.out);
        EXPECT_BITS(m, "__fixunsdfdi", bits(c.in), __fixunsdfdi(vol(c.in)), c.out);
#if defined(__arm__)
        EXPECT_BITS(m, "__aeabi_d2ulz", bits(c.in), __aeabi_d2ulz(vol(c.in)), c.out);
#endif
    }
    CHECK_EQ(m.count, 0);
}

TEST("float -> int64 and uint64 truncate (casts, __fixsfdi, __fixunssfdi, __aeabi_f2lz/f2ulz)") {
    struct { float in; int64_t out; } scases[] = {
        {0.0f, 0}, {-0.0f, 0}, {0.5f, 0}, {-0.5f, 0}, {1.5f, 1}, {-1.5f, -1}, {0x1p-149f, 0},
        {0x1.fffffep22f, 8388607}, {-0x1.fffffep22f, -8388607}, // 2^23 - 0.5
        {16777215.0f, 16777215}, {16777216.0f, 16777216}, {-16777216.0f, -16777216},
        {0x1p62f, 4611686018427387904}, {0x1.fffffep62f, 9223371487098961920},
        {-0x1.fffffep62f, -9223371487098961920}, {-0x1p63f, INT64_MIN},
    };
    struct { float in; uint64_t out; } ucases[] = {
        {0.0f, 0}, {-0.0f, 0}, {0.75f, 0}, {-0.75f, 0}, {3.99f, 3}, {16777216.0f, 16777216},
        {0x1p63f, 9223372036854775808u}, {0x1.fffffep63f, 18446742974197923840u},
    };
    Mismatches m;
    for (auto& c : scases) {
        EXPECT_BITS(m, "cast", bits(c.in), static_cast<int64_t>(vol(c.in)), c.out);
        EXPECT_BITS(m, "__fixsfdi", bits(c.in), __fixsfdi(vol(c.in)), c.out);
#if defined(__arm__)
        EXPECT_BITS(m, "__aeabi_f2lz", bits(c.in), __aeabi_f2lz(vol(c.in)), c.out);
#endif
    }
    for (auto& c : ucases) {
        EXPECT_BITS(m, "cast", bits(c.in), static_cast<uint64_t>(vol(c.in)), c.out);
        EXPECT_BITS(m, "__fixunssfdi", bits(c.in), __fixunssfdi(vol(c.in)), c.out);
#if defined(__arm__)
        EXPECT_BITS(m, "__aeabi_f2ulz", bits(c.in), __aeabi_f2ulz(vol(c.in)), c.out);
#endif
    }
    CHECK_EQ(m.count, 0);
}

TEST("float/double -> 64-bit integers match a reference on random values") {
    Mismatches m;
    for (int i = 0; i < 4000; ++i) {
        double d = random_double(63);
        int64_t sref = ref_double_to_s64(d);
        EXPECT_BITS(m, "double -> int64 cast", bits(d), static_cast<int64_t>(vol(d)), sref);
        EXPECT_BITS(m, "__fixdfdi", bits(d), __fixdfdi(vol(d)), sref);
        double ud = d < 0 ? -d * 2 : d * 2; // [0, 2^64)
        uint64_t uref = ref_double_to_u64(ud);
        EXPECT_BITS(m, "double -> uint64 cast", bits(ud), static_cast<uint64_t>(vol(ud)), uref);
        EXPECT_BITS(m, "__fixunsdfdi", bits(ud), __fixunsdfdi(vol(ud)), uref);
        float f = static_cast<float>(d); // |f| <= 2^63: still in range
        if (f == 0x1p63f) f = 0x1.fffffep62f;
        sref = ref_double_to_s64(static_cast<double>(f));
        EXPECT_BITS(m, "float -> int64 cast", bits(f), static_cast<int64_t>(vol(f)), sref);
        EXPECT_BITS(m, "__fixsfdi", bits(f), __fixsfdi(vol(f)), sref);
        float uf = static_cast<float>(ud);
        if (uf == 0x1p64f) uf = 0x1.fffffep63f;
        uref = ref_double_to_u64(static_cast<double>(uf));
        EXPECT_BITS(m, "float -> uint64 cast", bits(uf), static_cast<uint64_t>(vol(uf)), uref);
        EXPECT_BITS(m, "__fixunssfdi", bits(uf), __fixunssfdi(vol(uf)), uref);
#if defined(__arm__)
        EXPECT_BITS(m, "__aeabi_d2lz", bits(d), __aeabi_d2lz(vol(d)), ref_double_to_s64(d));
        EXPECT_BITS(m, "__aeabi_d2ulz", bits(ud), __aeabi_d2ulz(vol(ud)), ref_double_to_u64(ud));
        EXPECT_BITS(m, "__aeabi_f2lz", bits(f), __aeabi_f2lz(vol(f)), sref);
        EXPECT_BITS(m, "__aeabi_f2ulz", bits(uf), __aeabi_f2ulz(vol(uf)), uref);
#endif
    }
    CHECK_EQ(m.count, 0);
}

TEST("out-of-range float -> integer helpers saturate; NaN gives 0 (bedrock's choice: UB in C)") {
    const double inf = dbl(0x7ff0000000000000ull), nan = dbl(0x7ff8000000000000ull);
    const float finf = flt(0x7f800000u), fnan = flt(0x7fc00000u);
    CHECK_EQ(__fixdfdi(vol(0x1p63)), INT64_MAX);
    CHECK_EQ(__fixdfdi(vol(-0x1.0000000000001p63)), INT64_MIN);
    CHECK_EQ(__fixdfdi(vol(inf)), INT64_MAX);
    CHECK_EQ(__fixdfdi(vol(-inf)), INT64_MIN);
    CHECK_EQ(__fixdfdi(vol(nan)), 0);
    CHECK_EQ(__fixunsdfdi(vol(0x1p64)), UINT64_MAX);
    CHECK_EQ(__fixunsdfdi(vol(-1.0)), 0u);
    CHECK_EQ(__fixunsdfdi(vol(-inf)), 0u);
    CHECK_EQ(__fixunsdfdi(vol(nan)), 0u);
    CHECK_EQ(__fixsfdi(vol(0x1p63f)), INT64_MAX);
    CHECK_EQ(__fixsfdi(vol(-finf)), INT64_MIN);
    CHECK_EQ(__fixsfdi(vol(fnan)), 0);
    CHECK_EQ(__fixunssfdi(vol(finf)), UINT64_MAX);
    CHECK_EQ(__fixunssfdi(vol(-2.0f)), 0u);
    CHECK_EQ(__fixunsdfsi(vol(4294967296.0)), UINT32_MAX);
    CHECK_EQ(__fixunsdfsi(vol(-1.0)), 0u);
    CHECK_EQ(__fixunssfsi(vol(finf)), UINT32_MAX);
    CHECK_EQ(__fixunssfsi(vol(fnan)), 0u);
#if defined(__arm__)
    CHECK_EQ(__aeabi_d2lz(vol(inf)), INT64_MAX);
    CHECK_EQ(__aeabi_d2ulz(vol(-1.0)), 0u);
    CHECK_EQ(__aeabi_f2lz(vol(-finf)), INT64_MIN);
    CHECK_EQ(__aeabi_f2ulz(vol(0x1p64f)), UINT64_MAX);
#endif
}

// --- 64-bit: integer -> float -------------------------------------------------------------------

TEST("int64/uint64 -> double round to nearest, ties to even (casts, __floatdidf, __floatundidf, __aeabi_l2d/ul2d)") {
    struct { int64_t in; double out; } scases[] = {
        {0, 0.0}, {1, 1.0}, {-1, -1.0}, {9007199254740991, 0x1p53 - 1}, {9007199254740992, 0x1p53},
        {9007199254740993, 0x1p53}, {9007199254740995, 0x1p53 + 4}, {-9007199254740993, -0x1p53},
        {9223372036854775807, 0x1p63}, {INT64_MIN, -0x1p63}, {INT64_MIN + 1, -0x1p63},
        {9223372036854775295, 0x1.fffffffffffffp62},  // 2^63 - 513: below the tie
        {9223372036854775296, 0x1p63},                // 2^63 - 512: the tie, to the even 2^63
        {-9223372036854775296, -0x1p63}, {1000000000000000001, 1e18},
    };
    struct { uint64_t in; double out; } ucases[] = {
        {0, 0.0}, {1, 1.0}, {9007199254740993u, 0x1p53}, {9223372036854775808u, 0x1p63},
        {9223372036854776832u, 0x1p63},               // 2^63 + 1024: tie, to even
        {9223372036854776833u, 0x1.0000000000001p63}, // 2^63 + 1025
        {9223372036854778880u, 0x1.0000000000002p63}, // 2^63 + 3072: tie, to even (up)
        {18446744073709550591u, 0x1.fffffffffffffp63}, // 2^64 - 1025
        {18446744073709550592u, 0x1p64},              // 2^64 - 1024: tie, to even 2^64
        {UINT64_MAX, 0x1p64},
    };
    Mismatches m;
    for (auto& c : scases) {
        EXPECT_BITS(m, "cast", c.in, bits(static_cast<double>(vol(c.in))), bits(c.out));
        EXPECT_BITS(m, "__floatdidf", c.in, bits(__floatdidf(vol(c.in))), bits(c.out));
#if defined(__arm__)
        EXPECT_BITS(m, "__aeabi_l2d", c.in, bits(__aeabi_l2d(vol(c.in))), bits(c.out));
#endif
    }
    for (auto& c : ucases) {
        EXPECT_BITS(m, "cast", c.in, bits(static_cast<double>(vol(c.in))), bits(c.out));
        EXPECT_BITS(m, "__floatundidf", c.in, bits(__floatundidf(vol(c.in))), bits(c.out));
#if defined(__arm__)
        EXPECT_BITS(m, "__aeabi_ul2d", c.in, bits(__aeabi_ul2d(vol(c.in))), bits(c.out));
#endif
    }
    CHECK_EQ(m.count, 0);
}

namespace {
struct S64ToFloat { int64_t in; float out; };
struct U64ToFloat { uint64_t in; float out; };
const S64ToFloat s64_to_float_cases[] = {
    {0, 0.0f}, {1, 1.0f}, {-1, -1.0f}, {16777217, 16777216.0f}, {16777219, 16777220.0f},
    {-16777217, -16777216.0f}, {INT64_MAX, 0x1p63f}, {INT64_MIN, -0x1p63f},
    // 2^62 + 2^38 + 1: just above a float tie; through double it becomes the tie 2^62 + 2^38
    // and then rounds (to even) down to 2^62.
    {0x4000004000000001, 0x1.000002p62f}, {0x4000004000000000, 0x1p62f},
    {-0x4000004000000001, -0x1.000002p62f},
};
const U64ToFloat u64_to_float_cases[] = {
    {0, 0.0f}, {16777217, 16777216.0f}, {0x8000000000000000u, 0x1p63f},
    {0x8000008000000001u, 0x1.000002p63f}, // the same trap at 2^63 + 2^39 + 1
    {0x8000008000000000u, 0x1p63f}, {0x8000018000000000u, 0x1.000004p63f},
    {0xffffff7fffffffffu, 0x1.fffffep63f}, {0xffffff8000000000u, 0x1p64f}, {UINT64_MAX, 0x1p64f},
};
} // namespace

TEST("int64/uint64 -> float helpers round once, not via double (__floatdisf, __floatundisf, __aeabi_l2f/ul2f)") {
    Mismatches m;
    for (auto& c : s64_to_float_cases) {
        EXPECT_BITS(m, "__floatdisf", c.in, bits(__floatdisf(vol(c.in))), bits(c.out));
#if defined(__arm__)
        EXPECT_BITS(m, "__aeabi_l2f", c.in, bits(__aeabi_l2f(vol(c.in))), bits(c.out));
#endif
    }
    for (auto& c : u64_to_float_cases) {
        EXPECT_BITS(m, "__floatundisf", c.in, bits(__floatundisf(vol(c.in))), bits(c.out));
#if defined(__arm__)
        EXPECT_BITS(m, "__aeabi_ul2f", c.in, bits(__aeabi_ul2f(vol(c.in))), bits(c.out));
#endif
    }
    for (int i = 0; i < 4000; ++i) {
        uint64_t u = random_u64();
        int64_t s = static_cast<int64_t>((next() & 1) ? 0 - u : u);
        EXPECT_BITS(m, "__floatundisf", u, bits(__floatundisf(vol(u))), bits(ref_u64_to_float(u)));
        EXPECT_BITS(m, "__floatdisf", s, bits(__floatdisf(vol(s))), bits(ref_s64_to_float(s)));
#if defined(__arm__)
        EXPECT_BITS(m, "__aeabi_ul2f", u, bits(__aeabi_ul2f(vol(u))), bits(ref_u64_to_float(u)));
        EXPECT_BITS(m, "__aeabi_l2f", s, bits(__aeabi_l2f(vol(s))), bits(ref_s64_to_float(s)));
#endif
    }
    CHECK_EQ(m.count, 0);
}

// The casts, where they are calls of bedrock's helpers: on 32-bit ABIs. On 64-bit ABIs they are
// the CPU's own instructions, nothing of bedrock's (and QEMU 7.2 emulates ppc64le's
// xscvsxdsp/xscvuxdsp with two roundings, target/ppc/fpu_helper.c); the helpers themselves are
// checked on every ABI by the case above.
#if __SIZEOF_POINTER__ == 4
TEST("int64/uint64 -> float casts round once, not via double") {
    Mismatches m;
    for (auto& c : s64_to_float_cases) EXPECT_BITS(m, "int64 -> float cast", c.in, bits(static_cast<float>(vol(c.in))), bits(c.out));
    for (auto& c : u64_to_float_cases) EXPECT_BITS(m, "uint64 -> float cast", c.in, bits(static_cast<float>(vol(c.in))), bits(c.out));
    for (int i = 0; i < 4000; ++i) {
        uint64_t u = random_u64();
        int64_t s = static_cast<int64_t>((next() & 1) ? 0 - u : u);
        EXPECT_BITS(m, "uint64 -> float cast", u, bits(static_cast<float>(vol(u))), bits(ref_u64_to_float(u)));
        EXPECT_BITS(m, "int64 -> float cast", s, bits(static_cast<float>(vol(s))), bits(ref_s64_to_float(s)));
    }
    CHECK_EQ(m.count, 0);
}
#endif

TEST("64-bit integers -> double match a reference on random values, ties included (casts, __floatdidf, __floatundidf)") {
    Mismatches m;
    for (int i = 0; i < 4000; ++i) {
        uint64_t u = random_u64();
        int64_t s = static_cast<int64_t>((next() & 1) ? 0 - u : u);
        EXPECT_BITS(m, "uint64 -> double cast", u, bits(static_cast<double>(vol(u))), bits(ref_u64_to_double(u)));
        EXPECT_BITS(m, "__floatundidf", u, bits(__floatundidf(vol(u))), bits(ref_u64_to_double(u)));
        EXPECT_BITS(m, "int64 -> double cast", s, bits(static_cast<double>(vol(s))), bits(ref_s64_to_double(s)));
        EXPECT_BITS(m, "__floatdidf", s, bits(__floatdidf(vol(s))), bits(ref_s64_to_double(s)));
#if defined(__arm__)
        EXPECT_BITS(m, "__aeabi_ul2d", u, bits(__aeabi_ul2d(vol(u))), bits(ref_u64_to_double(u)));
        EXPECT_BITS(m, "__aeabi_l2d", s, bits(__aeabi_l2d(vol(s))), bits(ref_s64_to_double(s)));
#endif
    }
    CHECK_EQ(m.count, 0);
}

// --- 32-bit unsigned -------------------------------------------------------------------------------

TEST("uint32 <-> float/double (__fixunsdfsi, __fixunssfsi, __floatunsidf, __floatunsisf)") {
    struct { double in; uint32_t out; } dcases[] = {
        {0.0, 0}, {-0.0, 0}, {0.9, 0}, {-0.9, 0}, {1.0, 1}, {2147483648.0, 0x80000000u},
        {3e9, 3000000000u}, {4294967295.0, 0xffffffffu}, {4294967295.9, 0xffffffffu},
    };
    struct { float in; uint32_t out; } fcases[] = {
        {0.0f, 0}, {-0.5f, 0}, {2.5f, 2}, {2147483648.0f, 0x80000000u}, {4294967040.0f, 4294967040u},
    };
    struct { uint32_t in; float out; } tofloat[] = {
        {0, 0.0f}, {1, 1.0f}, {16777217, 16777216.0f}, {16777219, 16777220.0f},
        {0x80000080u, 0x1p31f}, {0x80000081u, 0x1.000002p31f}, {0x80000180u, 0x1.000004p31f},
        {0xffffffffu, 0x1p32f},
    };
    Mismatches m;
    for (auto& c : dcases) {
        EXPECT_BITS(m, "cast", bits(c.in), static_cast<uint32_t>(vol(c.in)), c.out);
        EXPECT_BITS(m, "__fixunsdfsi", bits(c.in), __fixunsdfsi(vol(c.in)), c.out);
    }
    for (auto& c : fcases) {
        EXPECT_BITS(m, "cast", bits(c.in), static_cast<uint32_t>(vol(c.in)), c.out);
        EXPECT_BITS(m, "__fixunssfsi", bits(c.in), __fixunssfsi(vol(c.in)), c.out);
    }
    for (auto& c : tofloat) {
        EXPECT_BITS(m, "cast", c.in, bits(static_cast<float>(vol(c.in))), bits(c.out));
        EXPECT_BITS(m, "__floatunsisf", c.in, bits(__floatunsisf(vol(c.in))), bits(c.out));
    }
    for (int i = 0; i < 2000; ++i) {
        uint32_t u = static_cast<uint32_t>(next() >> (next() & 31));
        EXPECT_BITS(m, "__floatunsidf", u, bits(__floatunsidf(vol(u))), bits(static_cast<double>(u)));
        EXPECT_BITS(m, "__floatunsisf", u, bits(__floatunsisf(vol(u))), bits(ref_u64_to_float(u)));
        double d = random_double(32);
        if (d < 0) d = -d;
        EXPECT_BITS(m, "__fixunsdfsi", bits(d), __fixunsdfsi(vol(d)), ref_double_to_u64(d));
        float f = static_cast<float>(d);
        if (f == 0x1p32f) f = 4294967040.0f;
        EXPECT_BITS(m, "__fixunssfsi", bits(f), __fixunssfsi(vol(f)), ref_double_to_u64(f));
    }
    CHECK_EQ(m.count, 0);
}

// --- Comparison and bit helpers -----------------------------------------------------------------

TEST("__cmpdi2/__ucmpdi2 order 64-bit values as 0, 1, 2; __ffsdi2, __paritydi2, __paritysi2") {
    CHECK_EQ(__cmpdi2(vol(int64_t{-1}), vol(int64_t{0})), 0);
    CHECK_EQ(__cmpdi2(vol(int64_t{0}), vol(int64_t{0})), 1);
    CHECK_EQ(__cmpdi2(vol(int64_t{1} << 32), vol(int64_t{0xffffffff})), 2);
    CHECK_EQ(__cmpdi2(vol(INT64_MIN), vol(INT64_MAX)), 0);
    CHECK_EQ(__ucmpdi2(vol(uint64_t{1} << 63), vol(uint64_t{1})), 2);
    CHECK_EQ(__ucmpdi2(vol(uint64_t{0xffffffff}), vol(uint64_t{1} << 32)), 0);
    CHECK_EQ(__ucmpdi2(vol(UINT64_MAX), vol(UINT64_MAX)), 1);
    CHECK_EQ(__ffsdi2(vol(uint64_t{0})), 0);
    CHECK_EQ(__ffsdi2(vol(uint64_t{1})), 1);
    CHECK_EQ(__ffsdi2(vol(uint64_t{1} << 63)), 64);
    CHECK_EQ(__ffsdi2(vol(uint64_t{0x100000000})), 33);
    CHECK_EQ(__paritydi2(vol(uint64_t{0x8000000000000001})), 0);
    CHECK_EQ(__paritydi2(vol(uint64_t{0x8000000100000001})), 1);
    CHECK_EQ(__paritysi2(vol(uint32_t{0x80000000})), 1);
    Mismatches m;
    for (int i = 0; i < 4000; ++i) {
        uint64_t a = next() >> (next() & 63), b = (next() & 3) ? next() >> (next() & 63) : a;
        int64_t sa = static_cast<int64_t>(a), sb = static_cast<int64_t>((next() & 1) ? b : 0 - b);
        EXPECT_BITS(m, "__cmpdi2", a, __cmpdi2(vol(sa), vol(sb)), sa < sb ? 0 : sa == sb ? 1 : 2);
        EXPECT_BITS(m, "__ucmpdi2", a, __ucmpdi2(vol(a), vol(b)), a < b ? 0 : a == b ? 1 : 2);
        uint64_t x = next() << (next() & 63);
        int ffs = 0, parity = 0;
        for (int k = 63; k >= 0; --k)
            if ((x >> k) & 1) ffs = k + 1, parity ^= 1;
        EXPECT_BITS(m, "__ffsdi2", x, __ffsdi2(vol(x)), ffs);
        EXPECT_BITS(m, "__builtin_ffsll", x, __builtin_ffsll(static_cast<long long>(vol(x))), ffs);
        EXPECT_BITS(m, "__paritydi2", x, __paritydi2(vol(x)), parity);
        EXPECT_BITS(m, "__builtin_parityll", x, __builtin_parityll(vol(x)), parity);
    }
    CHECK_EQ(m.count, 0);
}

// --- ceil and floor ----------------------------------------------------------------------------------

namespace {
// Through pointers, so that the library functions run even where the compiler would inline a
// rounding instruction for a direct call.
double (*volatile ceil_p)(double) = ceil;
double (*volatile floor_p)(double) = floor;
float (*volatile ceilf_p)(float) = ceilf;
float (*volatile floorf_p)(float) = floorf;
bool is_nan(double d) { return (bits(d) & 0x7fffffffffffffffull) > 0x7ff0000000000000ull; }
bool is_nan(float f) { return (bits(f) & 0x7fffffffu) > 0x7f800000u; }
} // namespace

TEST("ceil/floor: integral values, -0.0, halves, |x| < 1, huge values, infinities, NaN") {
    const double inf = dbl(0x7ff0000000000000ull);
    struct { double in, c, f; } cases[] = {
        {0.0, 0.0, 0.0}, {-0.0, -0.0, -0.0}, {0.5, 1.0, 0.0}, {-0.5, -0.0, -1.0},
        {0x1p-1074, 1.0, 0.0}, {-0x1p-1074, -0.0, -1.0}, {0x1.fffffffffffffp-1, 1.0, 0.0},
        {-0x1.fffffffffffffp-1, -0.0, -1.0}, {1.0, 1.0, 1.0}, {-1.0, -1.0, -1.0}, {1.5, 2.0, 1.0},
        {-1.5, -1.0, -2.0}, {2.5, 3.0, 2.0}, {-2.5, -2.0, -3.0}, {1.0000000000000002, 2.0, 1.0},
        {0x1.fffffffffffffp51, 0x1p52, 0x1p52 - 1}, {-0x1.fffffffffffffp51, -(0x1p52 - 1), -0x1p52},
        {0x1p52 + 1, 0x1p52 + 1, 0x1p52 + 1}, {0x1p53, 0x1p53, 0x1p53}, {1e300, 1e300, 1e300},
        {-1e300, -1e300, -1e300}, {inf, inf, inf}, {-inf, -inf, -inf},
        {-123456.75, -123456.0, -123457.0}, {7.999999999999999, 8.0, 7.0},
    };
    Mismatches m;
    for (auto& c : cases) {
        EXPECT_BITS(m, "ceil", bits(c.in), bits(ceil_p(vol(c.in))), bits(c.c));
        EXPECT_BITS(m, "floor", bits(c.in), bits(floor_p(vol(c.in))), bits(c.f));
        EXPECT_BITS(m, "__builtin_ceil", bits(c.in), bits(__builtin_ceil(vol(c.in))), bits(c.c));
        EXPECT_BITS(m, "__builtin_floor", bits(c.in), bits(__builtin_floor(vol(c.in))), bits(c.f));
    }
    CHECK(is_nan(ceil_p(vol(dbl(0x7ff8000000000000ull)))));
    CHECK(is_nan(floor_p(vol(dbl(0xfff8000000000001ull)))));
    CHECK_EQ(m.count, 0);
}

TEST("ceilf/floorf: the same boundaries in single precision") {
    const float inf = flt(0x7f800000u);
    struct { float in, c, f; } cases[] = {
        {0.0f, 0.0f, 0.0f}, {-0.0f, -0.0f, -0.0f}, {0.5f, 1.0f, 0.0f}, {-0.5f, -0.0f, -1.0f},
        {0x1p-149f, 1.0f, 0.0f}, {-0x1p-149f, -0.0f, -1.0f}, {0x1.fffffep-1f, 1.0f, 0.0f},
        {-0x1.fffffep-1f, -0.0f, -1.0f}, {1.5f, 2.0f, 1.0f}, {-1.5f, -1.0f, -2.0f},
        {0x1.fffffep22f, 0x1p23f, 0x1p23f - 1}, {-0x1.fffffep22f, -(0x1p23f - 1), -0x1p23f},
        {0x1p23f + 1, 0x1p23f + 1, 0x1p23f + 1}, {0x1p24f, 0x1p24f, 0x1p24f}, {1e30f, 1e30f, 1e30f},
        {-3.4e38f, -3.4e38f, -3.4e38f}, {inf, inf, inf}, {-inf, -inf, -inf}, {-7.25f, -7.0f, -8.0f},
    };
    Mismatches m;
    for (auto& c : cases) {
        EXPECT_BITS(m, "ceilf", bits(c.in), bits(ceilf_p(vol(c.in))), bits(c.c));
        EXPECT_BITS(m, "floorf", bits(c.in), bits(floorf_p(vol(c.in))), bits(c.f));
        EXPECT_BITS(m, "__builtin_ceilf", bits(c.in), bits(__builtin_ceilf(vol(c.in))), bits(c.c));
        EXPECT_BITS(m, "__builtin_floorf", bits(c.in), bits(__builtin_floorf(vol(c.in))), bits(c.f));
    }
    CHECK(is_nan(ceilf_p(vol(flt(0x7fc00000u)))));
    CHECK(is_nan(floorf_p(vol(flt(0xffc00001u)))));
    CHECK_EQ(m.count, 0);
}

TEST("ceil/floor on random values: integral, within 1, and on the right side") {
    Mismatches m;
    for (int i = 0; i < 4000; ++i) {
        double x = random_double(60);
        double c = ceil_p(x), f = floor_p(x);
        // The results are integers (a reference truncation gives them back) with
        // c - 1 < x <= c and f <= x < f + 1 (exact below 2^52; from there on x is integral).
        bool big = x >= 0x1p52 || x <= -0x1p52;
        bool ok = big ? c == x && f == x : c >= x && c - 1 < x && f <= x && f + 1 > x;
        double ac = c < 0 ? -c : c, af = f < 0 ? -f : f;
        ok &= ref_u64_to_double(ref_double_to_u64(ac)) == ac && ref_u64_to_double(ref_double_to_u64(af)) == af;
        if (!ok) m("ceil/floor", bits(x), bits(c), bits(f), __LINE__);
        float xf = static_cast<float>(x);
        float cf = ceilf_p(xf), ff = floorf_p(xf);
        big = xf >= 0x1p23f || xf <= -0x1p23f;
        ok = big ? cf == xf && ff == xf : cf >= xf && cf - 1 < xf && ff <= xf && ff + 1 > xf;
        if (!ok) m("ceilf/floorf", bits(xf), bits(cf), bits(ff), __LINE__);
    }
    CHECK_EQ(m.count, 0);
}

// --- 128-bit ---------------------------------------------------------------------------------------
#ifdef __SIZEOF_INT128__
namespace {
using u128 = unsigned __int128;
using s128 = __int128;
u128 make(uint64_t hi, uint64_t lo) { return static_cast<u128>(hi) << 64 | lo; }
uint64_t hi(u128 v) { return static_cast<uint64_t>(v >> 64); }
uint64_t lo(u128 v) { return static_cast<uint64_t>(v); }
u128 random_u128() { return make(next() >> (next() & 63), next()) >> (next() & 64); }

// Rounded to odd at 64 bits, then the 64-bit reference (64 >= 53 + 2: one rounding in effect).
template <class F> F ref_u128_to(u128 u, F (*ref64)(uint64_t)) {
    if (hi(u) == 0) return ref64(lo(u));
    unsigned s = bit_length(hi(u));
    uint64_t m = s == 64 ? hi(u) : (hi(u) << (64 - s) | lo(u) >> s);
    uint64_t lost = s == 64 ? lo(u) : lo(u) & ((uint64_t{1} << s) - 1);
    F r = ref64(m | (lost != 0));
    for (unsigned k = 0; k < s; ++k) r *= 2; // exact, or the correct overflow to infinity
    return r;
}
double ref_u128_to_double(u128 u) { return ref_u128_to<double>(u, ref_u64_to_double); }
float ref_u128_to_float(u128 u) { return ref_u128_to<float>(u, ref_u64_to_float); }
// 0 <= x < 2^128: the high 64 bits first; x - h * 2^64 is exact.
u128 ref_double_to_u128(double x) {
    if (x < 0x1p64) return ref_double_to_u64(x);
    uint64_t h = ref_double_to_u64(x * 0x1p-64);
    return make(h, ref_double_to_u64(x - ref_u64_to_double(h) * 0x1p64));
}
s128 ref_double_to_s128(double x) {
    return x < 0 ? static_cast<s128>(0 - ref_double_to_u128(-x)) : static_cast<s128>(ref_double_to_u128(x));
}
} // namespace

TEST("double/float -> 128-bit integers truncate (casts, __fixdfti, __fixunsdfti, __fixsfti, __fixunssfti)") {
    const s128 min = static_cast<s128>(make(uint64_t{1} << 63, 0));
    struct { double in; s128 out; } dcases[] = {
        {0.0, 0}, {-0.0, 0}, {1.5, 1}, {-1.5, -1}, {-0.5, 0}, {0x1p53 + 2, 9007199254740994},
        {0x1p64, static_cast<s128>(make(1, 0))}, {-0x1p64, -static_cast<s128>(make(1, 0))},
        {0x1.8p100, static_cast<s128>(make(uint64_t{3} << 35, 0))},
        {0x1.fffffffffffffp126, static_cast<s128>(make(0x7ffffffffffffc00u, 0))}, {-0x1p127, min},
    };
    struct { double in; u128 out; } udcases[] = {
        {-0.5, 0}, {0x1p63, uint64_t{1} << 63}, {0x1p64 + 0x1p12, make(1, 4096)}, {0x1p127, make(uint64_t{1} << 63, 0)},
        {0x1.fffffffffffffp127, make(0xfffffffffffff800u, 0)},
    };
    struct { float in; s128 out; } fcases[] = {
        {-1.5f, -1}, {0x1p100f, static_cast<s128>(make(uint64_t{1} << 36, 0))}, {-0x1p127f, min},
        {0x1.fffffep126f, static_cast<s128>(make(0x7fffff8000000000u, 0))},
    };
    struct { float in; u128 out; } ufcases[] = {
        {-0.75f, 0}, {0x1p64f, make(1, 0)}, {0x1.fffffep127f, make(0xffffff0000000000u, 0)},
    };
    int bad = 0;
    for (auto& c : dcases) {
        bad += static_cast<s128>(vol(c.in)) != c.out;
        bad += __fixdfti(vol(c.in)) != c.out;
    }
    for (auto& c : udcases) {
        bad += static_cast<u128>(vol(c.in)) != c.out;
        bad += __fixunsdfti(vol(c.in)) != c.out;
    }
    for (auto& c : fcases) {
        bad += static_cast<s128>(vol(c.in)) != c.out;
        bad += __fixsfti(vol(c.in)) != c.out;
    }
    for (auto& c : ufcases) {
        bad += static_cast<u128>(vol(c.in)) != c.out;
        bad += __fixunssfti(vol(c.in)) != c.out;
    }
    CHECK_EQ(bad, 0);
    // Out of range (UB in C): saturated by the helpers.
    CHECK(__fixdfti(vol(0x1p127)) == static_cast<s128>(make(UINT64_MAX >> 1, UINT64_MAX)));
    CHECK(__fixdfti(vol(-0x1p200)) == min);
    CHECK(__fixunsdfti(vol(0x1p128)) == ~u128{0});
    CHECK(__fixunssfti(vol(-3.0f)) == 0);
    CHECK(__fixdfti(vol(dbl(0x7ff8000000000000ull))) == 0);
    Mismatches m;
    for (int i = 0; i < 3000; ++i) {
        double d = random_double(127);
        double ud = d < 0 ? -d * 2 : d * 2;
        s128 sr = ref_double_to_s128(d);
        u128 ur = ref_double_to_u128(ud);
        s128 sc = static_cast<s128>(vol(d)), sh = __fixdfti(vol(d));
        u128 uc = static_cast<u128>(vol(ud)), uh = __fixunsdfti(vol(ud));
        if (sc != sr || sh != sr) m("double -> int128 (high half)", bits(d), hi(static_cast<u128>(sh)), hi(static_cast<u128>(sr)), __LINE__);
        if (uc != ur || uh != ur) m("double -> uint128 (high half)", bits(ud), hi(uh), hi(ur), __LINE__);
        float f = static_cast<float>(d);
        if (f == 0x1p127f || f == -0x1p127f) continue;
        sr = ref_double_to_s128(f);
        if (static_cast<s128>(vol(f)) != sr || __fixsfti(vol(f)) != sr) m("float -> int128", bits(f), 0, 0, __LINE__);
        float uf = f < 0 ? -f : f;
        ur = ref_double_to_u128(uf);
        if (static_cast<u128>(vol(uf)) != ur || __fixunssfti(vol(uf)) != ur) m("float -> uint128", bits(uf), 0, 0, __LINE__);
    }
    CHECK_EQ(m.count, 0);
}

TEST("128-bit integers -> double/float round once (casts, __floattidf, __floatuntidf, __floattisf, __floatuntisf)") {
    const s128 min = static_cast<s128>(make(uint64_t{1} << 63, 0));
    const float finf = flt(0x7f800000u);
    struct { u128 in; double d; float f; } cases[] = {
        {0, 0.0, 0.0f}, {1, 1.0, 1.0f}, {UINT64_MAX, 0x1p64, 0x1p64f}, {make(1, 1), 0x1p64, 0x1p64f},
        // (2^53 + 1) * 2^64: a tie for double (to even 2^117); + 1 is above it. The 1 sits in the
        // low half, which only a sticky bit carries into the rounding.
        {make((uint64_t{1} << 53) + 1, 0), 0x1p117, 0x1p117f},
        {make((uint64_t{1} << 53) + 1, 1), 0x1.0000000000001p117, 0x1p117f},
        // 2^124 + 2^100 (+ 1): the same for float.
        {make((uint64_t{1} << 60) + (uint64_t{1} << 36), 0), 0x1.000001p124, 0x1p124f},
        {make((uint64_t{1} << 60) + (uint64_t{1} << 36), 1), 0x1.000001p124, 0x1.000002p124f},
        {make(UINT64_MAX >> 1, UINT64_MAX), 0x1p127, 0x1p127f}, // 2^127 - 1
        {~u128{0}, 0x1p128, finf},                                // past FLT_MAX's rounding range
        {make(0xffffff7fffffffffu, UINT64_MAX), 0x1.ffffffp127, 0x1.fffffep127f}, // 2^128 - 2^103 - 1
    };
    Mismatches m;
    for (auto& c : cases) {
        EXPECT_BITS(m, "uint128 -> double cast", hi(c.in), bits(static_cast<double>(vol(c.in))), bits(c.d));
        EXPECT_BITS(m, "__floatuntidf", hi(c.in), bits(__floatuntidf(vol(c.in))), bits(c.d));
        EXPECT_BITS(m, "uint128 -> float cast", hi(c.in), bits(static_cast<float>(vol(c.in))), bits(c.f));
        EXPECT_BITS(m, "__floatuntisf", hi(c.in), bits(__floatuntisf(vol(c.in))), bits(c.f));
        if (c.in == 0 || hi(c.in) >> 63) continue; // integer -0 is +0.0
        s128 s = -static_cast<s128>(c.in);
        EXPECT_BITS(m, "int128 -> double cast", hi(c.in), bits(static_cast<double>(vol(s))), bits(-c.d));
        EXPECT_BITS(m, "__floattidf", hi(c.in), bits(__floattidf(vol(s))), bits(-c.d));
        EXPECT_BITS(m, "int128 -> float cast", hi(c.in), bits(static_cast<float>(vol(s))), bits(-c.f));
        EXPECT_BITS(m, "__floattisf", hi(c.in), bits(__floattisf(vol(s))), bits(-c.f));
    }
    EXPECT_BITS(m, "__floattidf(min)", 0, bits(__floattidf(vol(min))), bits(-0x1p127));
    EXPECT_BITS(m, "__floattisf(min)", 0, bits(__floattisf(vol(min))), bits(-0x1p127f));
    for (int i = 0; i < 3000; ++i) {
        u128 u = random_u128();
        if ((next() & 3) == 0 && hi(u)) { // a tie (or one off) at the double or float position
            unsigned n = 64 + bit_length(hi(u)), p = (next() & 1) ? 24 : 53, s = n - p;
            u128 half = u128{1} << (s - 1);
            u = (u & ~((half << 1) - 1)) | half;
            u += static_cast<u128>(static_cast<s128>(next() % 3) - 1);
        }
        s128 s = static_cast<s128>((next() & 1) ? 0 - u : u);
        double dr = ref_u128_to_double(u);
        float fr = ref_u128_to_float(u);
        EXPECT_BITS(m, "__floatuntidf", hi(u), bits(__floatuntidf(vol(u))), bits(dr));
        EXPECT_BITS(m, "uint128 -> double cast", hi(u), bits(static_cast<double>(vol(u))), bits(dr));
        EXPECT_BITS(m, "__floatuntisf", hi(u), bits(__floatuntisf(vol(u))), bits(fr));
        EXPECT_BITS(m, "uint128 -> float cast", hi(u), bits(static_cast<float>(vol(u))), bits(fr));
        u128 mag = s < 0 ? 0 - static_cast<u128>(s) : static_cast<u128>(s);
        double sdr = s < 0 ? -ref_u128_to_double(mag) : ref_u128_to_double(mag);
        float sfr = s < 0 ? -ref_u128_to_float(mag) : ref_u128_to_float(mag);
        EXPECT_BITS(m, "__floattidf", hi(mag), bits(__floattidf(vol(s))), bits(sdr));
        EXPECT_BITS(m, "int128 -> double cast", hi(mag), bits(static_cast<double>(vol(s))), bits(sdr));
        EXPECT_BITS(m, "__floattisf", hi(mag), bits(__floattisf(vol(s))), bits(sfr));
        EXPECT_BITS(m, "int128 -> float cast", hi(mag), bits(static_cast<float>(vol(s))), bits(sfr));
    }
    CHECK_EQ(m.count, 0);
}

TEST("128-bit division: n == q*d + r, |r| < |d|, C signs (operators, __udivmodti4, __divmodti4, …)") {
    const s128 min = static_cast<s128>(make(uint64_t{1} << 63, 0));
    CHECK(vol(make(UINT64_MAX, UINT64_MAX)) / vol(u128{1}) == make(UINT64_MAX, UINT64_MAX));
    CHECK(vol(make(UINT64_MAX, UINT64_MAX)) / vol(make(UINT64_MAX, UINT64_MAX)) == 1);
    CHECK(vol(make(1, 0)) / vol(u128{2}) == uint64_t{1} << 63);
    CHECK(vol(make(1, 0)) % vol(u128{3}) == 1); // 2^64 = 3 * 6148914691236517205 + 1
    CHECK(vol(s128{-7}) / vol(s128{2}) == -3);
    CHECK(vol(s128{-7}) % vol(s128{2}) == -1);
    CHECK(vol(s128{7}) / vol(s128{-2}) == -3);
    CHECK(vol(s128{7}) % vol(s128{-2}) == 1);
    CHECK(vol(min) / vol(s128{1}) == min);
    CHECK(vol(min) % vol(s128{-3}) == -2); // -2^127 = -3 * q - 2
    Mismatches m;
    for (int i = 0; i < 3000; ++i) {
        u128 n = random_u128(), d = random_u128();
        if ((next() & 3) == 0) d = next() >> (next() & 63);
        if (d == 0) d = 1;
        u128 q = vol(n) / vol(d), r = vol(n) % vol(d), r2;
        bool ok = r < d && q * d + r == n;
        ok &= __udivmodti4(vol(n), vol(d), &r2) == q && r2 == r;
        ok &= __udivti3(vol(n), vol(d)) == q && __umodti3(vol(n), vol(d)) == r;
        if (!ok) m("unsigned", hi(n), hi(q), hi(d), __LINE__);
        s128 sn = static_cast<s128>((next() & 1) ? 0 - n : n), sd = static_cast<s128>((next() & 1) ? 0 - d : d);
        if (sn == min && sd == -1) continue;
        s128 sq = vol(sn) / vol(sd), sr = vol(sn) % vol(sd), sr2;
        u128 ar = sr < 0 ? 0 - static_cast<u128>(sr) : static_cast<u128>(sr);
        u128 ad = sd < 0 ? 0 - static_cast<u128>(sd) : static_cast<u128>(sd);
        ok = static_cast<u128>(sq) * static_cast<u128>(sd) + static_cast<u128>(sr) == static_cast<u128>(sn);
        ok &= ar < ad && (sr == 0 || (sr < 0) == (sn < 0));
        ok &= __divmodti4(vol(sn), vol(sd), &sr2) == sq && sr2 == sr;
        ok &= __divti3(vol(sn), vol(sd)) == sq && __modti3(vol(sn), vol(sd)) == sr;
        if (!ok) m("signed", hi(static_cast<u128>(sn)), hi(static_cast<u128>(sq)), hi(static_cast<u128>(sd)), __LINE__);
    }
    CHECK_EQ(m.count, 0);
}

TEST("128-bit shifts by 0..127 (operators, __ashlti3, __lshrti3, __ashrti3) and comparisons (__cmpti2, __ucmpti2)") {
    Mismatches m;
    for (int i = 0; i < 1000; ++i) {
        u128 x = make(next(), next());
        int b = static_cast<int>(next() & 127);
        // References one bit at a time (shifts by a constant 1 are inline everywhere).
        u128 l = x, r = x, a = x;
        for (int k = 0; k < b; ++k) l <<= 1, r >>= 1, a = static_cast<u128>(static_cast<s128>(a) >> 1);
        bool ok = (vol(x) << vol(b)) == l && (vol(x) >> vol(b)) == r && static_cast<u128>(static_cast<s128>(vol(x)) >> vol(b)) == a;
        ok &= static_cast<u128>(__ashlti3(static_cast<s128>(vol(x)), vol(b))) == l;
        ok &= static_cast<u128>(__lshrti3(static_cast<s128>(vol(x)), vol(b))) == r;
        ok &= static_cast<u128>(__ashrti3(static_cast<s128>(vol(x)), vol(b))) == a;
        if (!ok) m("shift", hi(x), static_cast<uint64_t>(b), 0, __LINE__);
        u128 y = (next() & 3) ? make(next(), next()) : ((next() & 1) ? x : make(hi(x), next()));
        s128 sx = static_cast<s128>(x), sy = static_cast<s128>(y);
        ok = __ucmpti2(vol(x), vol(y)) == (x < y ? 0 : x == y ? 1 : 2);
        ok &= __cmpti2(vol(sx), vol(sy)) == (sx < sy ? 0 : sx == sy ? 1 : 2);
        if (!ok) m("compare", hi(x), hi(y), 0, __LINE__);
    }
    CHECK_EQ(m.count, 0);
}

TEST("128-bit multiplication with overflow check (__builtin_mul_overflow, __muloti4)") {
    const s128 min = static_cast<s128>(make(uint64_t{1} << 63, 0));
    const s128 max = static_cast<s128>(make(UINT64_MAX >> 1, UINT64_MAX));
    struct { s128 a, b; bool ovf; } cases[] = {
        {0, max, false}, {max, 1, false}, {min, 1, false}, {min, -1, true}, {-1, min, true},
        {max, -1, false}, {static_cast<s128>(make(1, 0)), static_cast<s128>(make(1, 0)), true},
        {static_cast<s128>(make(0, uint64_t{1} << 63)), static_cast<s128>(make(0, uint64_t{1} << 63)), false}, // 2^126
        {static_cast<s128>(make(1, 0)), static_cast<s128>(make(0, uint64_t{1} << 63)), true},                  // 2^127
        {-static_cast<s128>(make(1, 0)), static_cast<s128>(make(0, uint64_t{1} << 63)), false},                // -2^127
        {static_cast<s128>(make(0, UINT64_MAX)), static_cast<s128>(make(0, UINT64_MAX)), true}, // 2^128 - 2^65 + 1
        {static_cast<s128>(make(0, UINT64_MAX >> 1)), static_cast<s128>(make(0, UINT64_MAX)), false}, // < 2^127
        {static_cast<s128>(make(2, 0)), static_cast<s128>(make(0, uint64_t{1} << 62)), true},
    };
    int bad = 0;
    for (auto& c : cases) {
        s128 p;
        int o = 2;
        bad += __builtin_mul_overflow(vol(c.a), vol(c.b), &p) != c.ovf;
        bad += p != static_cast<s128>(static_cast<u128>(c.a) * static_cast<u128>(c.b));
        s128 p2 = __muloti4(vol(c.a), vol(c.b), &o);
        bad += o != static_cast<int>(c.ovf) || p2 != p;
    }
    CHECK_EQ(bad, 0);
    Mismatches m;
    for (int i = 0; i < 3000; ++i) {
        s128 a = static_cast<s128>(random_u128() >> (next() & 64)), b = static_cast<s128>(random_u128() >> (next() & 64));
        if (next() & 1) a = -a;
        if (next() & 1) b = -b;
        s128 p = static_cast<s128>(static_cast<u128>(a) * static_cast<u128>(b));
        // No overflow exactly when dividing the wrapped product gives the other operand back.
        bool ovf = a != 0 && ((a == -1 && b == min) || (b == -1 && a == min) || p / a != b);
        int o = 2;
        s128 p2 = __muloti4(vol(a), vol(b), &o);
        s128 p3;
        bool ovf3 = __builtin_mul_overflow(vol(a), vol(b), &p3);
        if (o != static_cast<int>(ovf) || p2 != p || ovf3 != ovf || p3 != p) m("mul", hi(static_cast<u128>(a)), hi(static_cast<u128>(b)), static_cast<uint64_t>(o), __LINE__);
    }
    CHECK_EQ(m.count, 0);
}
#endif
