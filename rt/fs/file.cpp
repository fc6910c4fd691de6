#include "rt/fs/file.h"

namespace rt {

Expected<File, IoError> File::open_self_exe(Io& io) {
    auto fd = io.open(static_cast<int>(sys::at::FDCWD), "/proc/self/exe", sys::o::RDONLY, 0);
    if (!fd) return unexpected(fd.error());
    return File(*fd);
}

Expected<size_t, IoError> File::read_all(Io& io, void* buf, size_t n) {
    size_t done = 0;
    while (done < n) {
        auto r = read(io, static_cast<char*>(buf) + done, n - done);
        if (!r) return unexpected(r.error());
        if (*r == 0) break;
        done += *r;
    }
    return done;
}

Expected<void, IoError> File::write_all(Io& io, const void* buf, size_t n) {
    size_t done = 0;
    while (done < n) {
        auto r = write(io, static_cast<const char*>(buf) + done, n - done);
        if (!r) return unexpected(r.error());
        done += *r;
    }
    return {};
}

Expected<uint64_t, IoError> File::seek_to(Io& io, uint64_t offset) {
    if (offset > static_cast<uint64_t>(INT64_MAX)) return unexpected(IoError(IoError::InvalidArgument, Errno::INVAL));
    return io.seek(fd_, static_cast<int64_t>(offset), sys::seek::SET);
}

} // namespace rt
