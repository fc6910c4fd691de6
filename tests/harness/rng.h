// A deterministic pseudo-random sequence (Marsaglia's xorshift64, shifts 13, 7, 17), so that a
// test does the same on every run and ABI.
#pragma once

#include <stdint.h>

namespace rt::test {

struct Xorshift64 {
    uint64_t state;
    uint64_t next() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    }
    // A value below n (n > 0; the tiny modulo bias does not matter for tests).
    uint32_t below(uint32_t n) { return static_cast<uint32_t>(next() % n); }
};

} // namespace rt::test
