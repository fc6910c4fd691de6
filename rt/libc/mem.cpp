// The memory functions compilers emit calls to even in freestanding code (struct copies,
// zero-initialization, loops they recognize). Built with -fno-builtin (and GCC's
// -fno-tree-loop-distribute-patterns) so these loops are not turned back into calls to
// themselves.
#include <stddef.h>
#include <stdint.h>

#include "rt/core/align.h"

namespace {

using Word = uintptr_t;
using AliasWord [[gnu::may_alias]] = uintptr_t;
constexpr size_t W = sizeof(Word);

bool aligned(const void* p) { return rt::is_aligned(reinterpret_cast<uintptr_t>(p), W); }

// The forward copy of memcpy, also used by memmove for overlapping ranges with dst < src:
// without __restrict, so the compiler keeps every load ahead of the stores that may overlap
// it (memmove calling the restrict-qualified memcpy let GCC's mips scheduler store a block's
// second word before loading its first).
inline void copy_forward(void* dst, const void* src, size_t n) {
    auto d = static_cast<unsigned char*>(dst);
    auto s = static_cast<const unsigned char*>(src);
    // Word copies once both pointers are aligned alike; bytes otherwise.
    if (((reinterpret_cast<uintptr_t>(d) ^ reinterpret_cast<uintptr_t>(s)) & (W - 1)) == 0) {
        while (n > 0 && !aligned(d)) *d++ = *s++, --n;
        for (; n >= 4 * W; n -= 4 * W, d += 4 * W, s += 4 * W) {
            auto dw = reinterpret_cast<AliasWord*>(d);
            auto sw = reinterpret_cast<const AliasWord*>(s);
            Word a = sw[0], b = sw[1], c = sw[2], e = sw[3];
            dw[0] = a, dw[1] = b, dw[2] = c, dw[3] = e;
        }
        for (; n >= W; n -= W, d += W, s += W)
            *reinterpret_cast<AliasWord*>(d) = *reinterpret_cast<const AliasWord*>(s);
    }
    while (n--) *d++ = *s++;
}

} // namespace

extern "C" {

void* memcpy(void* __restrict dst, const void* __restrict src, size_t n) {
    copy_forward(dst, src, n);
    return dst;
}

void* memmove(void* dst, const void* src, size_t n) {
    auto d = static_cast<unsigned char*>(dst);
    auto s = static_cast<const unsigned char*>(src);
    if (d == s || n == 0) return dst;
    // Forward copying is safe unless the destination starts inside the source.
    if (d < s || d >= s + n) {
        copy_forward(dst, src, n);
        return dst;
    }
    d += n;
    s += n;
    if (((reinterpret_cast<uintptr_t>(d) ^ reinterpret_cast<uintptr_t>(s)) & (W - 1)) == 0) {
        while (n > 0 && !aligned(d)) *--d = *--s, --n;
        for (; n >= W; n -= W) {
            d -= W;
            s -= W;
            *reinterpret_cast<AliasWord*>(d) = *reinterpret_cast<const AliasWord*>(s);
        }
    }
    while (n--) *--d = *--s;
    return dst;
}

void* memset(void* dst, int c, size_t n) {
    auto d = static_cast<unsigned char*>(dst);
    auto b = static_cast<unsigned char>(c);
    while (n > 0 && !aligned(d)) *d++ = b, --n;
    Word pattern = static_cast<Word>(-1) / 0xff * b; // b repeated in every byte
    for (; n >= W; n -= W, d += W) *reinterpret_cast<AliasWord*>(d) = pattern;
    while (n--) *d++ = b;
    return dst;
}

int memcmp(const void* a, const void* b, size_t n) {
    auto x = static_cast<const unsigned char*>(a);
    auto y = static_cast<const unsigned char*>(b);
    for (; n > 0; --n, ++x, ++y)
        if (*x != *y) return *x < *y ? -1 : 1;
    return 0;
}

// clang emits bcmp for memcmp calls whose result is only compared with zero.
int bcmp(const void* a, const void* b, size_t n) { return memcmp(a, b, n); }

size_t strlen(const char* s) {
    const char* p = s;
    while (*p) ++p;
    return static_cast<size_t>(p - s);
}

// std::char_traits<char>::find (<string>, <string_view>) calls memchr.
void* memchr(const void* s, int c, size_t n) {
    auto p = static_cast<const unsigned char*>(s);
    for (; n > 0; --n, ++p)
        if (*p == static_cast<unsigned char>(c)) return const_cast<unsigned char*>(p);
    return nullptr;
}

} // extern "C"
