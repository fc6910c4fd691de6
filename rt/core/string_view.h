// rt::StringView: a pointer and a length, not owning, not NUL-terminated (a substring of a
// larger text is one). The one place rt/ measures and compares C strings; prints with `{}`.
//
//   rt::StringView entry("PATH=/bin");
//   if (entry.starts_with("PATH=")) use(entry.substr(5)); // "/bin"
//   size_t n = rt::StringView(argv[0]).size();
#pragma once

#include <stddef.h>

namespace rt {

class StringView {
public:
    static constexpr size_t NPOS = ~size_t{0};

    constexpr StringView() = default;
    // A C string up to its NUL; null is the empty view.
    constexpr StringView(const char* s) : p_(s ? s : ""), n_(s ? length(s) : 0) {}
    constexpr StringView(const char* s, size_t n) : p_(s), n_(n) {}

    constexpr const char* data() const { return p_; }
    constexpr size_t size() const { return n_; }
    constexpr bool empty() const { return n_ == 0; }
    constexpr char operator[](size_t i) const { return p_[i]; }
    constexpr const char* begin() const { return p_; }
    constexpr const char* end() const { return p_ + n_; }

    // From `pos` (clamped to the size), at most `n` bytes.
    constexpr StringView substr(size_t pos, size_t n = NPOS) const {
        if (pos > n_) pos = n_;
        size_t left = n_ - pos;
        return StringView(p_ + pos, n < left ? n : left);
    }
    constexpr bool starts_with(StringView s) const { return s.n_ <= n_ && same(p_, s.p_, s.n_); }
    constexpr bool ends_with(StringView s) const { return s.n_ <= n_ && same(p_ + n_ - s.n_, s.p_, s.n_); }
    // The index of the first `c` at or after `from`; NPOS if there is none.
    constexpr size_t find(char c, size_t from = 0) const {
        for (size_t i = from; i < n_; ++i)
            if (p_[i] == c) return i;
        return NPOS;
    }
    constexpr size_t find(StringView s, size_t from = 0) const {
        if (s.n_ > n_) return NPOS;
        for (size_t i = from; i + s.n_ <= n_; ++i)
            if (same(p_ + i, s.p_, s.n_)) return i;
        return NPOS;
    }

    friend constexpr bool operator==(StringView a, StringView b) { return a.n_ == b.n_ && same(a.p_, b.p_, a.n_); }
    friend constexpr bool operator!=(StringView a, StringView b) { return !(a == b); }
    // Against a C string in one pass, without measuring it first (a symbol table's names).
    friend constexpr bool operator==(StringView a, const char* s) {
        for (size_t i = 0; i < a.n_; ++i)
            if (s[i] != a.p_[i]) return false; // also where s ends first (its NUL)
        return s[a.n_] == 0;
    }
    friend constexpr bool operator!=(StringView a, const char* s) { return !(a == s); }

    // The length of a C string (what strlen returns), for code that needs only that.
    static constexpr size_t length(const char* s) {
        size_t n = 0;
        while (s[n]) ++n;
        return n;
    }

private:
    static constexpr bool same(const char* a, const char* b, size_t n) {
        for (size_t i = 0; i < n; ++i)
            if (a[i] != b[i]) return false;
        return true;
    }
    const char* p_ = "";
    size_t n_ = 0;
};

static_assert(StringView("abc").size() == 3 && StringView("abc") == StringView("abcd", 3) &&
              StringView("PATH=/bin").substr(5) == "/bin" && StringView("a=b").find('=') == 1 &&
              StringView("x").substr(9).empty() && StringView(nullptr).empty() && StringView("abc").ends_with("bc") &&
              StringView("hello").find("ll") == 2 && StringView("").find("") == 0 &&
              StringView("ab") == "ab" && StringView("ab") != "abc" && StringView("abc") != "ab" &&
              StringView("abc", 2) == "ab");

} // namespace rt
