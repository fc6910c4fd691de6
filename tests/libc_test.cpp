// The memory functions and integer helpers rt provides in place of libc and libgcc, checked
// against byte-wise reference loops and arithmetic identities on the target ABI.
#include "harness/rng.h"
#include "harness/tap.h"

extern "C" {
void* memcpy(void*, const void*, size_t);
void* memmove(void*, const void*, size_t);
void* memset(void*, int, size_t);
int memcmp(const void*, const void*, size_t);
size_t strlen(const char*);
}

namespace {
// A deterministic generator so the test is the same on every run and ABI.
rt::test::Xorshift64 g_rng{0x9e3779b97f4a7c15ull};
uint64_t next() { return g_rng.next(); }
// Keeps the compiler from computing results at compile time (so the helpers really run).
template <class T> T opaque(T v) {
    asm volatile("" : "+r"(v));
    return v;
}
} // namespace

TEST("memcpy copies every length at every alignment") {
    static unsigned char src[300], dst[300];
    bool ok = true;
    for (size_t so = 0; so < 8; ++so)
        for (size_t dof = 0; dof < 8; ++dof)
            for (size_t n = 0; n < 80; n += 1 + n / 8) {
                for (size_t i = 0; i < sizeof src; ++i) src[i] = static_cast<unsigned char>(next()), dst[i] = 0xee;
                memcpy(dst + dof, src + so, n);
                for (size_t i = 0; i < n; ++i) ok &= dst[dof + i] == src[so + i];
                ok &= dst[dof + n] == 0xee && (dof == 0 || dst[dof - 1] == 0xee);
            }
    CHECK(ok);
}

TEST("memmove handles overlap in both directions") {
    static unsigned char buf[200], ref[200];
    bool ok = true;
    for (int d = -9; d <= 9; ++d)
        for (size_t n = 0; n < 64; n += 3) {
            for (size_t i = 0; i < sizeof buf; ++i) buf[i] = ref[i] = static_cast<unsigned char>(i * 7);
            size_t from = 50, to = static_cast<size_t>(50 + d);
            memmove(buf + to, buf + from, n);
            unsigned char tmp[64];
            for (size_t i = 0; i < n; ++i) tmp[i] = ref[from + i];
            for (size_t i = 0; i < n; ++i) ref[to + i] = tmp[i];
            for (size_t i = 0; i < sizeof buf; ++i) ok &= buf[i] == ref[i];
        }
    CHECK(ok);
}

TEST("memset fills exactly the range") {
    static unsigned char buf[128];
    bool ok = true;
    for (size_t off = 0; off < 8; ++off)
        for (size_t n = 0; n < 70; ++n) {
            for (auto& b : buf) b = 1;
            memset(buf + off, 0x1ab, n); // only the low byte counts
            for (size_t i = 0; i < sizeof buf; ++i) ok &= buf[i] == ((i >= off && i < off + n) ? 0xab : 1);
        }
    CHECK(ok);
}

TEST("memcmp orders by the first differing byte as unsigned; strlen counts") {
    unsigned char a[] = {1, 2, 3, 200}, b[] = {1, 2, 3, 100};
    CHECK(memcmp(a, b, 4) > 0);
    CHECK(memcmp(b, a, 4) < 0);
    CHECK_EQ(memcmp(a, b, 3), 0);
    CHECK_EQ(memcmp(a, b, 0), 0);
    CHECK_EQ(strlen(""), 0u);
    CHECK_EQ(strlen(opaque("bedrock")), 7u);
}

TEST("64-bit unsigned division: n == q*d + r and r < d") {
    bool ok = true;
    for (int i = 0; i < 20000; ++i) {
        uint64_t n = next() >> (next() & 63);
        uint64_t d = next() >> (next() & 63);
        if (d == 0) d = 1;
        uint64_t q = opaque(n) / opaque(d), r = opaque(n) % opaque(d);
        ok &= r < d && q * d + r == n;
        // q is the largest such value: one more d would overflow n.
        ok &= n - r == q * d;
    }
    CHECK(ok);
    CHECK_EQ(opaque(~0ull) / opaque(1ull), ~0ull);
    CHECK_EQ(opaque(~0ull) / opaque(~0ull), 1ull);
    CHECK_EQ(opaque(10000000000000000000ull) / opaque(10ull), 1000000000000000000ull);
}

TEST("64-bit signed division truncates toward zero") {
    CHECK_EQ(opaque(-7ll) / opaque(2ll), -3ll);
    CHECK_EQ(opaque(-7ll) % opaque(2ll), -1ll);
    CHECK_EQ(opaque(7ll) / opaque(-2ll), -3ll);
    CHECK_EQ(opaque(7ll) % opaque(-2ll), 1ll);
    CHECK_EQ(opaque(-9223372036854775807ll - 1) / opaque(1ll), -9223372036854775807ll - 1);
    bool ok = true;
    for (int i = 0; i < 20000; ++i) {
        int64_t n = static_cast<int64_t>(next()) >> (next() & 63);
        int64_t d = static_cast<int64_t>(next()) >> (next() & 63);
        if (d == 0) d = 3;
        int64_t q = opaque(n) / opaque(d), r = opaque(n) % opaque(d);
        ok &= q * d + r == n;
        ok &= (r == 0 || (r < 0) == (n < 0));
        ok &= (r < 0 ? -r : r) < (d < 0 ? -d : d);
    }
    CHECK(ok);
}

TEST("32-bit division and bit counting") {
    bool ok = true;
    for (int i = 0; i < 20000; ++i) {
        uint32_t n = static_cast<uint32_t>(next()), d = static_cast<uint32_t>(next()) >> (next() & 31);
        if (d == 0) d = 1;
        uint32_t q = opaque(n) / opaque(d), r = opaque(n) % opaque(d);
        ok &= r < d && q * d + r == n;
        int32_t sn = static_cast<int32_t>(n), sd = static_cast<int32_t>(d) | 1;
        int32_t sq = opaque(sn) / opaque(sd), sr = opaque(sn) % opaque(sd);
        ok &= static_cast<int64_t>(sq) * sd + sr == sn;
    }
    CHECK(ok);
    CHECK_EQ(__builtin_clz(opaque(1u)), 31);
    CHECK_EQ(__builtin_clzll(opaque(1ull << 40)), 23);
    CHECK_EQ(__builtin_ctz(opaque(8u)), 3);
    CHECK_EQ(__builtin_ctzll(opaque(1ull << 50)), 50);
    CHECK_EQ(__builtin_popcount(opaque(0xf0f0u)), 8);
    CHECK_EQ(__builtin_popcountll(opaque(~0ull)), 64);
    CHECK_EQ(__builtin_bswap32(opaque(0x11223344u)), 0x44332211u);
    CHECK_EQ(__builtin_bswap64(opaque(0x1122334455667788ull)), 0x8877665544332211ull);
}

#ifdef __SIZEOF_INT128__
namespace {
// Schoolbook product of two 64-bit numbers in 16-bit limbs: the reference for __multi3.
void mul_ref(uint64_t a, uint64_t b, uint64_t& lo, uint64_t& hi) {
    uint32_t r[8] = {};
    for (int i = 0; i < 4; ++i) {
        uint32_t carry = 0;
        for (int j = 0; j < 4; ++j) {
            uint32_t t = static_cast<uint32_t>((a >> (16 * i)) & 0xffff) * static_cast<uint32_t>((b >> (16 * j)) & 0xffff);
            uint32_t sum = r[i + j] + (t & 0xffff) + carry;
            r[i + j] = sum & 0xffff;
            carry = (sum >> 16) + (t >> 16);
        }
        for (int k = i + 4; carry && k < 8; ++k) {
            uint32_t sum = r[k] + carry;
            r[k] = sum & 0xffff;
            carry = sum >> 16;
        }
    }
    lo = hi = 0;
    for (int k = 3; k >= 0; --k) lo = (lo << 16) | r[k];
    for (int k = 7; k >= 4; --k) hi = (hi << 16) | r[k];
}
} // namespace

TEST("128-bit multiplication matches a schoolbook product") {
    bool ok = true;
    for (int i = 0; i < 20000; ++i) {
        uint64_t a = next(), b = next() >> (next() & 63);
        // Both operands 128-bit and opaque (through their 64-bit halves: a 128-bit "r" asm
        // operand is not portable), so the compiler emits a full 128 x 128 multiplication.
        unsigned __int128 x = static_cast<unsigned __int128>(opaque(uint64_t{0})) << 64 | opaque(a);
        unsigned __int128 y = static_cast<unsigned __int128>(opaque(uint64_t{0})) << 64 | opaque(b);
        unsigned __int128 p = x * y;
        uint64_t lo, hi;
        mul_ref(a, b, lo, hi);
        ok &= static_cast<uint64_t>(p) == lo && static_cast<uint64_t>(p >> 64) == hi;
    }
    CHECK(ok);
}
#endif
