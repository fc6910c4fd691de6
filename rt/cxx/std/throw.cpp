// The std::__throw_* functions through which libstdc++'s headers report errors
// (bits/functexcept.h). In libstdc++ they throw; bedrock programs are built without
// exceptions, so each one is a panic whose message names the exception and the library's
// description, e.g. "panic: std::length_error: vector::_M_realloc_insert".
#include <stdarg.h>
#include <stddef.h>

#include "rt/core/errno.h"
#include "rt/core/panic.h"

namespace {

// A message of at most this many bytes; longer ones are cut.
constexpr size_t MAX_MSG = 256;

struct Msg {
    char buf[MAX_MSG];
    size_t n = 0;

    void put(char c) {
        if (n + 1 < MAX_MSG) buf[n++] = c;
    }
    void put(const char* s) {
        for (; s != nullptr && *s != 0; ++s) put(*s);
    }
    void put_unsigned(unsigned long long v) {
        char digits[24];
        size_t k = 0;
        do {
            digits[k++] = static_cast<char>('0' + v % 10);
            v /= 10;
        } while (v != 0);
        while (k != 0) put(digits[--k]);
    }
    const char* str() {
        buf[n] = 0;
        return buf;
    }
};

[[noreturn]] void fail(const char* exception, const char* what) {
    Msg m;
    m.put(exception);
    if (what != nullptr && *what != 0) {
        m.put(": ");
        m.put(what);
    }
    rt::panic(m.str());
}

} // namespace

namespace std {

[[noreturn]] void __throw_bad_exception() { fail("std::bad_exception", nullptr); }
[[noreturn]] void __throw_bad_alloc() { fail("std::bad_alloc", "out of memory"); }
[[noreturn]] void __throw_bad_array_new_length() { fail("std::bad_array_new_length", nullptr); }
[[noreturn]] void __throw_bad_cast() { fail("std::bad_cast", nullptr); }
[[noreturn]] void __throw_bad_typeid() { fail("std::bad_typeid", nullptr); }
[[noreturn]] void __throw_bad_function_call() { fail("std::bad_function_call", "empty std::function called"); }
[[noreturn]] void __throw_logic_error(const char* what) { fail("std::logic_error", what); }
[[noreturn]] void __throw_domain_error(const char* what) { fail("std::domain_error", what); }
[[noreturn]] void __throw_invalid_argument(const char* what) { fail("std::invalid_argument", what); }
[[noreturn]] void __throw_length_error(const char* what) { fail("std::length_error", what); }
[[noreturn]] void __throw_out_of_range(const char* what) { fail("std::out_of_range", what); }
[[noreturn]] void __throw_runtime_error(const char* what) { fail("std::runtime_error", what); }
[[noreturn]] void __throw_range_error(const char* what) { fail("std::range_error", what); }
[[noreturn]] void __throw_overflow_error(const char* what) { fail("std::overflow_error", what); }
[[noreturn]] void __throw_underflow_error(const char* what) { fail("std::underflow_error", what); }
// The error code is an errno value (libstdc++ passes errno, e.g. from a failed futex wait in
// bits/atomic_wait.h): named as the kernel names it.
[[noreturn]] void __throw_system_error(int e) {
    const char* name = rt::detail::errno_name(e);
    fail("std::system_error", name != nullptr ? name : "unknown error");
}
[[noreturn]] void __throw_future_error(int) { fail("std::future_error", nullptr); }
[[noreturn]] void __throw_ios_failure(const char* what) { fail("std::ios_base::failure", what); }
[[noreturn]] void __throw_ios_failure(const char* what, int) { fail("std::ios_base::failure", what); }

// The formats libstdc++ passes here use %zu and %s only (bits/functexcept.h: "a subset of
// printf"); %lu, %u, %d and %% are accepted too. Anything else is copied as it stands.
[[noreturn]] void __throw_out_of_range_fmt(const char* fmt, ...) {
    Msg m;
    m.put("std::out_of_range: ");
    va_list ap;
    va_start(ap, fmt);
    for (const char* f = fmt; *f != 0; ++f) {
        if (*f != '%') {
            m.put(*f);
            continue;
        }
        if (f[1] == 'z' && f[2] == 'u') {
            m.put_unsigned(va_arg(ap, size_t));
            f += 2;
        } else if (f[1] == 'l' && f[2] == 'u') {
            m.put_unsigned(va_arg(ap, unsigned long));
            f += 2;
        } else if (f[1] == 'u') {
            m.put_unsigned(va_arg(ap, unsigned));
            f += 1;
        } else if (f[1] == 'd') {
            int v = va_arg(ap, int);
            if (v < 0) m.put('-');
            m.put_unsigned(v < 0 ? 0ull - static_cast<unsigned long long>(v) : static_cast<unsigned long long>(v));
            f += 1;
        } else if (f[1] == 's') {
            m.put(va_arg(ap, const char*));
            f += 1;
        } else if (f[1] == '%') {
            m.put('%');
            f += 1;
        } else {
            m.put('%');
        }
    }
    va_end(ap);
    rt::panic(m.str());
}

} // namespace std
