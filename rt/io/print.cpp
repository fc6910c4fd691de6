#include "rt/io/print.h"

#include "rt/sys/fd.h"

namespace rt {

Expected<void, Errno> write_all(int fd, const void* buf, size_t n) {
    auto p = static_cast<const char*>(buf);
    while (n > 0) {
        auto r = sys::write(fd, p, n);
        if (!r) {
            if (r.error() == Errno::INTR) continue;
            return unexpected(r.error());
        }
        if (*r == 0) return unexpected(Errno::IO); // write(2) made no progress on a non-empty buffer
        p += *r;
        n -= *r;
    }
    return {};
}

namespace detail {

Expected<size_t, Errno> vprint(int fd, const char* f, const fmt::Arg* args, size_t n) {
    // A negative fd is the sink's "no file" (format_to); as a file descriptor it is EBADF, as
    // write(2) says of it.
    if (fd < 0) return unexpected(Errno::BADF);
    char buf[512];
    fmt::Sink sink{buf, sizeof buf};
    sink.fd = fd;
    fmt::vformat(sink, f, args, n);
    sink.flush();
    if (sink.error) return unexpected(static_cast<Errno>(sink.error));
    return sink.total;
}

} // namespace detail
} // namespace rt
