// Code built with -Os (meson builds this file so): GCC then saves and restores callee-saved
// registers through out-of-line routines on some ABIs (ppc: _savegpr_N, _restgpr_N_x,
// _savefpr_N, ...), which a bedrock program must be able to link and run without libgcc.
// Each function below keeps many integer and floating-point values live across calls, so the
// callee-saved registers (and with them the routines) are used; the results are checked
// against the same arithmetic done step by step.
#include "harness/tap.h"

namespace {

[[gnu::noinline]] long opaque(long v) {
    asm volatile("" : "+r"(v));
    return v;
}
[[gnu::noinline]] double opaque_d(double v) {
    asm volatile("" : : : "memory");
    return v;
}

// Fourteen integers live across every call: all of r14..r31 on ppc.
[[gnu::noinline]] long many_gprs(long seed) {
    long a = opaque(seed + 1), b = opaque(seed + 2), c = opaque(seed + 3), d = opaque(seed + 4);
    long e = opaque(seed + 5), f = opaque(seed + 6), g = opaque(seed + 7), h = opaque(seed + 8);
    long i = opaque(seed + 9), j = opaque(seed + 10), k = opaque(seed + 11), l = opaque(seed + 12);
    long m = opaque(seed + 13), n = opaque(seed + 14);
    long s = opaque(a * 3 + b);
    s = opaque(s + c * 5 + d);
    s = opaque(s + e * 7 + f);
    s = opaque(s + g * 11 + h);
    s = opaque(s + i * 13 + j);
    s = opaque(s + k * 17 + l);
    return s + m * 19 + n + a + b + c + d + e + f + g + h + i + j + k + l + m + n;
}

long many_gprs_expected(long seed) {
    long v[15];
    for (int i = 1; i <= 14; ++i) v[i] = seed + i;
    long s = v[1] * 3 + v[2];
    s += v[3] * 5 + v[4];
    s += v[5] * 7 + v[6];
    s += v[7] * 11 + v[8];
    s += v[9] * 13 + v[10];
    s += v[11] * 17 + v[12];
    s += v[13] * 19 + v[14];
    for (int i = 1; i <= 14; ++i) s += v[i];
    return s;
}

// Doubles live across calls: f14..f31 on ppc.
[[gnu::noinline]] double many_fprs(double x) {
    double a = opaque_d(x + 1), b = opaque_d(x + 2), c = opaque_d(x + 3), d = opaque_d(x + 4);
    double e = opaque_d(x + 5), f = opaque_d(x + 6), g = opaque_d(x + 7), h = opaque_d(x + 8);
    double s = opaque_d(a * 0.5 + b);
    s = opaque_d(s + c * 0.25 + d);
    s = opaque_d(s + e * 0.125 + f);
    return s + g * 2 + h + a + b + c + d + e + f + g + h;
}

double many_fprs_expected(double x) {
    double v[9];
    for (int i = 1; i <= 8; ++i) v[i] = x + i;
    double s = v[1] * 0.5 + v[2];
    s = s + v[3] * 0.25 + v[4];
    s = s + v[5] * 0.125 + v[6];
    s = s + v[7] * 2 + v[8];
    for (int i = 1; i <= 8; ++i) s += v[i];
    return s;
}

// Recursion through the saving function: every frame's registers must come back intact.
[[gnu::noinline]] long nested(int depth, long seed) {
    if (depth == 0) return many_gprs(seed);
    long keep1 = opaque(seed * 3), keep2 = opaque(seed * 5), keep3 = opaque(seed * 7);
    long r = nested(depth - 1, seed + 1);
    return r + keep1 + keep2 + keep3;
}

} // namespace

TEST("-Os: fourteen integers live across calls keep their values") {
    const long seeds[] = {0, 1, -7, 1000};
    for (long seed : seeds) CHECK_EQ(many_gprs(seed), many_gprs_expected(seed));
}

TEST("-Os: doubles live across calls keep their values") {
    const double xs[] = {0.0, 1.5, -3.25};
    for (double x : xs) CHECK(many_fprs(x) == many_fprs_expected(x));
}

TEST("-Os: recursion through a function that saves registers out of line") {
    long want = many_gprs_expected(10 + 20);
    for (long s = 10 + 19; s >= 10; --s) want += s * 3 + s * 5 + s * 7;
    CHECK_EQ(nested(20, 10), want);
}
