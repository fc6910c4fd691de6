// The growth policy of libstdc++'s unordered containers (<unordered_map>, <unordered_set>),
// which bits/hashtable_policy.h declares and libstdc++'s compiled library defines:
// std::__detail::_Prime_rehash_policy::_M_next_bkt and _M_need_rehash. bedrock's own
// implementation of the same contract (the layout, a float maximum load factor and the
// cached element count at which the next growth is due, is the header's):
//   _M_next_bkt(n): a bucket count >= n (here the smallest prime >= n, for n > 1), and the
//     element count that bucket count can hold at the maximum load factor is cached.
//   _M_need_rehash(buckets, elements, inserting): whether `inserting` more elements exceed the
//     maximum load factor, and if so the new bucket count (at least double the old one).
// The floating-point steps avoid conversions that 32-bit ABIs implement as library calls.
#include <stddef.h>
#include <stdint.h>

namespace std {
namespace __detail {

struct RehashAnswer { // the layout and calling convention of std::pair<bool, size_t>
    bool first;
    size_t second;
};

struct _Prime_rehash_policy {
    float _M_max_load_factor;
    mutable size_t _M_next_resize;

    size_t _M_next_bkt(size_t n) const;
    RehashAnswer _M_need_rehash(size_t n_bkt, size_t n_elt, size_t n_ins) const;
};

namespace {

// floor(d) as a size_t, saturating: 0 for d <= 0 or NaN, SIZE_MAX past the range. Through
// signed conversions of the ABI's word size, which every ABI has as one instruction.
size_t floor_to_size(double d) {
    if (!(d > 0)) return 0;
    constexpr double half = static_cast<double>(SIZE_MAX / 2 + 1); // 2^31 or 2^63, exact
    if (d >= 2 * half) return SIZE_MAX;
    using Signed = ptrdiff_t;
    if (d < half) return static_cast<size_t>(static_cast<Signed>(d));
    return static_cast<size_t>(static_cast<Signed>(d - half)) + (SIZE_MAX / 2 + 1);
}

double to_double(size_t n) {
    // As two exact halves: unsigned word-to-double conversion is a library call on some ABIs.
    constexpr unsigned SHIFT = sizeof(size_t) * 4;
    constexpr size_t LOW = (size_t{1} << SHIFT) - 1;
    constexpr double SCALE = static_cast<double>(size_t{1} << SHIFT);
    return static_cast<double>(static_cast<ptrdiff_t>(n >> SHIFT)) * SCALE +
           static_cast<double>(static_cast<ptrdiff_t>(n & LOW));
}

bool is_prime(size_t n) {
    if (n < 4) return n >= 2;
    if (n % 2 == 0) return false;
    for (size_t d = 3; d <= n / d; d += 2)
        if (n % d == 0) return false;
    return true;
}

} // namespace

size_t _Prime_rehash_policy::_M_next_bkt(size_t n) const {
    size_t bkt = n;
    if (n > 1) {
        while (bkt < SIZE_MAX && !is_prime(bkt)) ++bkt;
    } else {
        bkt = 1; // a zero hint asks for nothing beyond the single initial bucket
    }
    _M_next_resize = floor_to_size(to_double(bkt) * static_cast<double>(_M_max_load_factor));
    return bkt;
}

RehashAnswer _Prime_rehash_policy::_M_need_rehash(size_t n_bkt, size_t n_elt, size_t n_ins) const {
    size_t want = n_elt + n_ins;
    if (want < n_elt) want = SIZE_MAX;
    if (want <= _M_next_resize) return {false, 0};
    // Nothing allocated yet (the cached count is still 0): start with room for a few.
    if (_M_next_resize == 0 && want < 11) want = 11;
    double mlf = static_cast<double>(_M_max_load_factor);
    double min_bkts = to_double(want) / mlf;
    if (min_bkts >= to_double(n_bkt)) {
        size_t need = floor_to_size(min_bkts);
        if (need < SIZE_MAX) ++need;
        size_t doubled = n_bkt > SIZE_MAX / 2 ? SIZE_MAX : n_bkt * 2;
        return {true, _M_next_bkt(need > doubled ? need : doubled)};
    }
    _M_next_resize = floor_to_size(to_double(n_bkt) * mlf);
    return {false, 0};
}

} // namespace __detail

// The hash of a byte string that std::hash uses for strings, string views and floating-point
// values: any good hash will do (its values are not part of the ABI; they differ between
// libstdc++'s word sizes too). A multiply-xorshift mix over word-sized chunks.
size_t _Hash_bytes(const void* ptr, size_t len, size_t seed);
// Fowler-Noll-Vo FNV-1a (www.isthe.com/chongo/tech/comp/fnv), seeded by the offset basis.
size_t _Fnv_hash_bytes(const void* ptr, size_t len, size_t seed);

namespace {
constexpr bool WIDE = sizeof(size_t) == 8;
constexpr size_t MUL = WIDE ? size_t(0x9e3779b97f4a7c15ull) : size_t(0x9e3779b1u);
constexpr unsigned HALF = sizeof(size_t) * 4;

size_t mix(size_t h) {
    h ^= h >> HALF;
    h *= MUL;
    h ^= h >> (HALF - 3);
    return h;
}
} // namespace

size_t _Hash_bytes(const void* ptr, size_t len, size_t seed) {
    auto p = static_cast<const unsigned char*>(ptr);
    size_t h = seed ^ (len * MUL);
    for (; len >= sizeof(size_t); len -= sizeof(size_t), p += sizeof(size_t)) {
        size_t w;
        __builtin_memcpy(&w, p, sizeof w);
        h = mix(h ^ mix(w + MUL));
    }
    if (len != 0) {
        size_t w = 0;
        for (size_t i = 0; i < len; ++i) w |= static_cast<size_t>(p[i]) << (8 * i);
        h = mix(h ^ mix(w + MUL));
    }
    return mix(h);
}

size_t _Fnv_hash_bytes(const void* ptr, size_t len, size_t seed) {
    constexpr size_t PRIME = WIDE ? size_t(1099511628211ull) : size_t(16777619u);
    auto p = static_cast<const unsigned char*>(ptr);
    size_t h = seed;
    for (size_t i = 0; i < len; ++i) {
        h ^= p[i];
        h *= PRIME;
    }
    return h;
}

} // namespace std
