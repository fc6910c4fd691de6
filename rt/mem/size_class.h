// The allocator's size classes (rt/mem/alloc.cpp), constexpr so that the hosted unit tests
// and static_asserts can check them: 16-byte steps to 128 bytes, then four steps per power of
// two up to MAX_SMALL (16 KiB); above it a block is a mapping of its own. class_of(n) is the
// smallest class of at least n bytes; cache_limit(c) how many free blocks of class c a thread
// keeps.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace rt::detail::size_class {

constexpr size_t MAX_SMALL = 16 * 1024;
constexpr unsigned NCLASSES = 8 + 4 * 7;

constexpr size_t class_size(unsigned c) {
    if (c < 8) return 16 * (c + 1);
    unsigned k = (c - 8) / 4, step = (c - 8) % 4;
    size_t base = size_t{128} << k;
    return base + (base / 4) * (step + 1);
}
static_assert(class_size(NCLASSES - 1) == MAX_SMALL, "the last class is MAX_SMALL");

constexpr unsigned class_of_computed(size_t n) {
    if (n <= 128) return n == 0 ? 0 : static_cast<unsigned>((n + 15) / 16 - 1);
    // Above 128: the power of two below n-1 picks the group of four, the next two bits the step.
    auto m = static_cast<uint32_t>(n - 1);
    unsigned b = 31 - static_cast<unsigned>(__builtin_clz(m));
    return 8 + (b - 7) * 4 + ((m >> (b - 2)) & 3);
}

// Up to 1 KiB the class is one table load, indexed by the size in 16-byte units (rounded up).
constexpr size_t TABLE_MAX = 1024;
struct ClassTable {
    uint8_t c[TABLE_MAX / 16 + 1];
    constexpr ClassTable() : c() {
        for (size_t i = 0; i <= TABLE_MAX / 16; ++i) {
            unsigned k = 0;
            while (class_size(k) < i * 16) ++k;
            c[i] = static_cast<uint8_t>(k);
        }
    }
};
inline constexpr ClassTable CLASS_TABLE;

// Both ways agree, and each picks the smallest class that fits.
constexpr bool classes_consistent() {
    for (size_t n = 0; n <= MAX_SMALL; ++n) {
        unsigned c = class_of_computed(n);
        if (class_size(c) < n || (c > 0 && class_size(c - 1) >= n)) return false;
        if (n <= TABLE_MAX && CLASS_TABLE.c[(n + 15) / 16] != c) return false;
    }
    return true;
}
static_assert(classes_consistent(), "size-class lookup");

// n <= MAX_SMALL.
constexpr unsigned class_of(size_t n) {
    if (n <= TABLE_MAX) return CLASS_TABLE.c[(n + 15) / 16];
    return class_of_computed(n);
}

// Blocks a thread keeps in its cache per class: about 32 KiB, at least 2, at most 64.
struct CacheLimits {
    uint8_t n[NCLASSES];
    constexpr CacheLimits() : n() {
        for (unsigned c = 0; c < NCLASSES; ++c) {
            size_t k = 32 * 1024 / class_size(c);
            n[c] = static_cast<uint8_t>(k < 2 ? 2 : k > 64 ? 64 : k);
        }
    }
};
inline constexpr CacheLimits CACHE_LIMITS;
constexpr uint32_t cache_limit(unsigned c) { return CACHE_LIMITS.n[c]; }

} // namespace rt::detail::size_class
