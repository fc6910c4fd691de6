// Type-safe `{}` formatting. The format string is checked at compile time against the
// argument types (a mismatch is a compile error naming the problem), then formatting runs in
// one non-template function over type-erased arguments, so each call site costs little code.
//
// Replacement fields: {} or {:[<|>][#][0][width][type]}, `{{` and `}}` for literal braces.
//   types: d (decimal), x / X (hex), b (binary), o (octal) for integers and bool-as-number;
//          x / X / p for pointers (default 0x-prefixed hex); s for strings; c for char.
// A subset of std-format-spec: no fill character, no `^`, sign, precision, floating point or
// positional arguments.
// Argument kinds: bool, char, every signed/unsigned integer width, const char* (null prints
// "(null)"), rt::StringView, any other pointer, rt::Errno (its name, e.g. ENOENT), and two
// extension points found by argument-dependent lookup (declare them in the type's own namespace):
//   const char* error_name(E)                    an enum prints as the name this returns, like a
//                                                string (width, alignment, `s`); every bedrock
//                                                error enum has one (SpawnError::Kind, WaitError…)
//   void format_value(rt::fmt::Sink&, const T&)  any type: writes its text (sink.put, or
//                                                rt::fmt::format_into for fields of its own);
//                                                only `{}` or a width and alignment apply
//
//   enum class Color { Red, Green };
//   constexpr const char* error_name(Color c) { return c == Color::Red ? "Red" : "Green"; }
//   struct Point { int x, y; };
//   void format_value(rt::fmt::Sink& s, const Point& p) { rt::fmt::format_into(s, "({}, {})", p.x, p.y); }
//   rt::print("{} at {:>10}\n", Color::Red, Point{1, 2}); // "Red at     (1, 2)"
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "rt/core/errno.h"
#include "rt/core/string_view.h"
#include "rt/core/traits.h"

namespace rt::fmt {

enum class Kind : uint8_t { Bool, Char, Int, Uint, Str, View, Ptr, Errno, Name, Custom };

struct Sink;

struct Arg {
    Kind kind;
    union {
        long long i;
        unsigned long long u;
        const char* s;
        const void* p;
        struct {
            const char* p;
            size_t n;
        } view;
        struct {
            const void* obj;
            // Writes obj's text; padded to `width` (left-aligned when `left`) when width > 0.
            void (*fn)(Sink&, const void* obj, unsigned width, bool left);
        } custom;
    };
};

// The extension points (see the top): found by argument-dependent lookup from here.
template <class T>
concept HasErrorName = requires(const T& v) {
    { error_name(v) } -> SameAs<const char*>;
};
template <class T>
concept HasFormatValue = requires(Sink& s, const T& v) { format_value(s, v); };
// A format_value's text padded to `width` (at most 256 bytes of it are measured; the rest is
// cut). Reached only from the programs that print such a type.
void format_padded(Sink& s, unsigned width, bool left, void (*text)(Sink&, const void*), const void* obj);

template <class T> inline constexpr bool is_char_array_v = false;
template <size_t N> inline constexpr bool is_char_array_v<char[N]> = true;
template <size_t N> inline constexpr bool is_char_array_v<const char[N]> = true;

template <class T> constexpr Kind kind_of() {
    using U = remove_cvref_t<T>;
    if constexpr (is_same_v<U, bool>) return Kind::Bool;
    else if constexpr (is_same_v<U, char>) return Kind::Char;
    else if constexpr (is_same_v<U, signed char> || is_same_v<U, short> || is_same_v<U, int> ||
                       is_same_v<U, long> || is_same_v<U, long long>)
        return Kind::Int;
    else if constexpr (is_same_v<U, unsigned char> || is_same_v<U, unsigned short> || is_same_v<U, unsigned> ||
                       is_same_v<U, unsigned long> || is_same_v<U, unsigned long long>)
        return Kind::Uint;
    else if constexpr (is_same_v<U, const char*> || is_same_v<U, char*> || is_char_array_v<U>) return Kind::Str;
    else if constexpr (is_same_v<U, StringView>) return Kind::View;
    else if constexpr (is_pointer_v<U> || is_same_v<U, decltype(nullptr)>) return Kind::Ptr;
    else if constexpr (is_same_v<U, rt::Errno>) return Kind::Errno;
    else if constexpr (HasErrorName<U>) return Kind::Name;
    else if constexpr (HasFormatValue<U>) return Kind::Custom;
    else {
        static_assert(sizeof(U) == 0, "rt::print: this argument type cannot be formatted (give it an error_name or "
                                      "format_value found by argument-dependent lookup: rt/io/format.h)");
        return Kind::Int;
    }
}

template <class T> Arg make_arg(const T& v) {
    Arg a;
    // A name prints as the string it is (its kind only matters to the compile-time check).
    a.kind = kind_of<T>() == Kind::Name ? Kind::Str : kind_of<T>();
    if constexpr (kind_of<T>() == Kind::Int) a.i = v;
    else if constexpr (kind_of<T>() == Kind::Uint) a.u = v;
    else if constexpr (kind_of<T>() == Kind::Bool) a.u = v ? 1 : 0;
    else if constexpr (kind_of<T>() == Kind::Char) a.u = static_cast<unsigned char>(v);
    else if constexpr (is_same_v<remove_cvref_t<T>, rt::Errno>) a.i = static_cast<int>(v);
    else if constexpr (kind_of<T>() == Kind::Name) {
        const char* name = error_name(v);
        a.s = name ? name : "(unnamed)";
    } else if constexpr (kind_of<T>() == Kind::Str) a.s = v;
    else if constexpr (kind_of<T>() == Kind::View) {
        a.view.p = v.data();
        a.view.n = v.size();
    }
    else if constexpr (kind_of<T>() == Kind::Ptr) a.p = v;
    else {
        a.custom.obj = &v;
        a.custom.fn = [](Sink& s, const void* p, unsigned width, bool left) {
            auto text = [](Sink& t, const void* q) { format_value(t, *static_cast<const T*>(q)); };
            if (width == 0) text(s, p);
            else format_padded(s, width, left, text, p);
        };
    }
    return a;
}
// Arrays of char (string literals) decay to const char*.
template <size_t N> Arg make_arg(const char (&v)[N]) { return make_arg<const char*>(v); }
template <size_t N> Arg make_arg(char (&v)[N]) { return make_arg<const char*>(v); }

// Compile-time checking. These functions are deliberately not constexpr: reaching one while
// evaluating a format string at compile time is the error, and its name is the message.
void format_error_more_placeholders_than_arguments();
void format_error_more_arguments_than_placeholders();
void format_error_unmatched_brace();
void format_error_bad_spec_for_argument_type();
void format_error_width_above_65535();

// The largest field width: a wider one is a compile-time error (it wrapped at 2^32 before).
inline constexpr unsigned MAX_WIDTH = 65535;

consteval bool spec_fits(char type, Kind k) {
    switch (type) {
    case 0: return true;
    case 'd': case 'b': case 'o': return k == Kind::Int || k == Kind::Uint || k == Kind::Bool || k == Kind::Char;
    case 'x': case 'X': return k != Kind::Str && k != Kind::View && k != Kind::Errno && k != Kind::Name && k != Kind::Custom;
    case 'p': return k == Kind::Ptr || k == Kind::Str;
    case 's': return k == Kind::Str || k == Kind::View || k == Kind::Errno || k == Kind::Name || k == Kind::Bool;
    case 'c': return k == Kind::Char || k == Kind::Int || k == Kind::Uint;
    default: return false;
    }
}

consteval void check(const char* f, const Kind* kinds, size_t n) {
    size_t arg = 0;
    for (size_t i = 0; f[i]; ++i) {
        if (f[i] == '}') {
            if (f[i + 1] != '}') format_error_unmatched_brace();
            ++i;
            continue;
        }
        if (f[i] != '{') continue;
        if (f[i + 1] == '{') { ++i; continue; }
        size_t j = i + 1;
        char type = 0;
        if (f[j] == ':') {
            ++j;
            if (f[j] == '<' || f[j] == '>') ++j;
            if (f[j] == '#') ++j;
            unsigned width = 0;
            while (f[j] >= '0' && f[j] <= '9') {
                width = width * 10 + static_cast<unsigned>(f[j++] - '0');
                if (width > MAX_WIDTH) format_error_width_above_65535();
            }
            if (f[j] && f[j] != '}') type = f[j++];
        }
        if (f[j] != '}') format_error_unmatched_brace();
        if (arg >= n) format_error_more_placeholders_than_arguments();
        else if (!spec_fits(type, kinds[arg])) format_error_bad_spec_for_argument_type();
        ++arg;
        i = j;
    }
    if (arg != n) format_error_more_arguments_than_placeholders();
}

template <class... A> struct FormatString {
    const char* str;
    // Without arguments and without braces (no "{{" or "}}" escapes) the text is written as it
    // is: rt::print("literal") then needs no formatter at all (a hello world links without it).
    // `plain_length` is that text's length, or PLAIN_NO when it must go through vformat.
    static constexpr size_t PLAIN_NO = ~size_t{0};
    size_t plain_length = PLAIN_NO;
    template <size_t N> consteval FormatString(const char (&s)[N]) : str(s) {
        if constexpr (sizeof...(A) == 0) {
            size_t n = 0;
            while (n < N && s[n] != 0 && s[n] != '{' && s[n] != '}') ++n;
            if (n == N - 1 && s[n] == 0) plain_length = n;
            check(s, nullptr, 0);
        } else {
            constexpr Kind kinds[] = {kind_of<A>()...};
            check(s, kinds, sizeof...(A));
        }
    }
};

// Where formatted text goes: a buffer, flushed to `fd` when full (fd < 0: truncate, and count
// what would have been written, as snprintf does).
struct Sink {
    char* buf;
    size_t cap;
    size_t len = 0;
    size_t total = 0;
    int fd = -1;
    int error = 0; // first write error (an Errno value), 0 if none
    void put(const char* s, size_t n);
    void put(char c) { put(&c, 1); }
    void flush();
};

void vformat(Sink& sink, const char* fmt, const Arg* args, size_t n);

// Formats into a sink: for format_value implementations that print fields of their own.
template <class... A> void format_into(Sink& sink, FormatString<type_identity_t<A>...> f, const A&... args) {
    Arg list[sizeof...(A) + 1] = {make_arg(args)...};
    vformat(sink, f.str, list, sizeof...(A));
}

} // namespace rt::fmt

namespace rt {

template <class... A> using FormatString = fmt::FormatString<type_identity_t<A>...>;

// Formats into buf (always NUL-terminated when cap > 0); returns the full length the text
// needs, which may exceed cap - 1 (the output was then truncated).
template <class... A> size_t format_to(char* buf, size_t cap, FormatString<A...> f, const A&... args) {
    fmt::Arg list[sizeof...(A) + 1] = {fmt::make_arg(args)...};
    fmt::Sink sink{buf, cap > 0 ? cap - 1 : 0};
    fmt::vformat(sink, f.str, list, sizeof...(A));
    if (cap > 0) buf[sink.len] = 0;
    return sink.total;
}

} // namespace rt
