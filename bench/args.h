// Command-line helpers of the bedrock-side benchmark programs (no libc: no atol, no strcmp).
#pragma once

namespace bench {

// The leading decimal digits of s (0 when there are none).
inline long parse(const char* s) {
    long v = 0;
    while (*s >= '0' && *s <= '9') v = v * 10 + (*s++ - '0');
    return v;
}

inline bool streq(const char* a, const char* b) {
    while (*a && *a == *b) ++a, ++b;
    return *a == *b;
}

} // namespace bench
