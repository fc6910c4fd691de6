// The allocator's size classes (rt/mem/size_class.h) against what docs/alloc.md promises of
// them: every small size gets the smallest class that holds it, classes are 16-byte multiples
// (every block 16-aligned), strictly increasing, and waste under a quarter of the request
// above 128 bytes (under 16 bytes below); a thread caches about 32 KiB of a class, 2 to 64.
#include <catch2/catch.hpp>

#include "rt/mem/size_class.h"

using namespace rt::detail::size_class;

TEST_CASE("size classes: 16-byte multiples, increasing, ending at MAX_SMALL") {
    for (unsigned c = 0; c < NCLASSES; ++c) {
        INFO("class " << c);
        CHECK(class_size(c) % 16 == 0);
        if (c > 0) CHECK(class_size(c) > class_size(c - 1));
    }
    CHECK(class_size(0) == 16);
    CHECK(class_size(NCLASSES - 1) == MAX_SMALL);
    CHECK(MAX_SMALL == 16 * 1024);
}

TEST_CASE("class_of: the smallest class that holds n, with bounded waste, for every small n") {
    int wrong = 0, wasteful = 0;
    for (size_t n = 1; n <= MAX_SMALL; ++n) {
        unsigned c = class_of(n);
        if (c >= NCLASSES || class_size(c) < n || (c > 0 && class_size(c - 1) >= n)) ++wrong;
        size_t waste = class_size(c) - n;
        if (n <= 128 ? waste >= 16 : waste * 4 >= n) ++wasteful;
    }
    CHECK(wrong == 0);
    CHECK(wasteful == 0);
    CHECK(class_of(0) == 0);
    CHECK(class_of(1024) == class_of_computed(1024));
    CHECK(class_of(1025) == class_of(1024) + 1);
}

TEST_CASE("cache limits: about 32 KiB of a class, at least 2 and at most 64 blocks") {
    for (unsigned c = 0; c < NCLASSES; ++c) {
        INFO("class " << c << " size " << class_size(c));
        uint32_t k = cache_limit(c);
        CHECK(k >= 2);
        CHECK(k <= 64);
        if (k > 2) CHECK(k * class_size(c) <= 32 * 1024);
        if (k < 64) CHECK((k + 1) * class_size(c) > 32 * 1024);
    }
}
