// Formatted output to file descriptors: rt::print (stdout), rt::eprint (stderr), rt::fprint.
// Output is formatted into a stack buffer and written with write(2), retrying partial writes
// and EINTR; a line longer than the buffer goes out in several writes.
#pragma once

#include "rt/core/expected.h"
#include "rt/io/format.h"

namespace rt {

// Writes all n bytes, retrying after partial writes and EINTR.
Expected<void, Errno> write_all(int fd, const void* buf, size_t n);

namespace detail {
Expected<size_t, Errno> vprint(int fd, const char* fmt, const fmt::Arg* args, size_t n);
}

// Returns the number of bytes written, or the first write error.
template <class... A> Expected<size_t, Errno> fprint(int fd, FormatString<A...> f, const A&... args) {
    if constexpr (sizeof...(A) == 0) {
        // (f was built by a consteval constructor: this test folds away.)
        if (f.plain_length != f.PLAIN_NO) {
            auto r = write_all(fd, f.str, f.plain_length);
            if (!r) return unexpected(r.error());
            return f.plain_length;
        }
    }
    fmt::Arg list[sizeof...(A) + 1] = {fmt::make_arg(args)...};
    return detail::vprint(fd, f.str, list, sizeof...(A));
}

// Like printf: an output error (a closed pipe, a full disk) is not reported; use fprint for it.
template <class... A> void print(FormatString<A...> f, const A&... args) { (void)fprint<A...>(1, f, args...); }
template <class... A> void eprint(FormatString<A...> f, const A&... args) { (void)fprint<A...>(2, f, args...); }

} // namespace rt
