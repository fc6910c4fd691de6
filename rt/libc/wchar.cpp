// The wide-character counterparts of the memory functions, which std::char_traits<wchar_t>
// (std::wstring, std::wstring_view; bits/char_traits.h) calls: wcslen, wmemcmp, wmemchr,
// wmemcpy, wmemmove, wmemset, with the C library's contracts (ISO C 7.29.4). wchar_t is the
// compiler's (4 bytes, signed or unsigned per ABI); comparisons are of wchar_t values, as C
// specifies. Built like mem.cpp, so that the loops are not turned into calls to these.
#include <stddef.h>

extern "C" {

void* memmove(void* dst, const void* src, size_t n);
void* memcpy(void* __restrict dst, const void* __restrict src, size_t n);

size_t wcslen(const wchar_t* s) {
    const wchar_t* p = s;
    while (*p) ++p;
    return static_cast<size_t>(p - s);
}

int wmemcmp(const wchar_t* a, const wchar_t* b, size_t n) {
    for (; n > 0; --n, ++a, ++b)
        if (*a != *b) return *a < *b ? -1 : 1;
    return 0;
}

wchar_t* wmemchr(const wchar_t* s, wchar_t c, size_t n) {
    for (; n > 0; --n, ++s)
        if (*s == c) return const_cast<wchar_t*>(s);
    return nullptr;
}

wchar_t* wmemcpy(wchar_t* __restrict dst, const wchar_t* __restrict src, size_t n) {
    memcpy(dst, src, n * sizeof(wchar_t));
    return dst;
}

wchar_t* wmemmove(wchar_t* dst, const wchar_t* src, size_t n) {
    memmove(dst, src, n * sizeof(wchar_t));
    return dst;
}

wchar_t* wmemset(wchar_t* dst, wchar_t c, size_t n) {
    for (size_t i = 0; i < n; ++i) dst[i] = c;
    return dst;
}

} // extern "C"
