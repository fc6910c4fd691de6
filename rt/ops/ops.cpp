#include "rt/ops/ops.h"

#include "rt/core/panic.h"
#include "rt/io/format.h"
#include "rt/mem/alloc.h"
#include "rt/sync/cancel.h"
#include "rt/sync/cancel_points.h"

namespace rt {

IoError io_error(Errno e) {
    using K = IoError;
    switch (e) {
    case Errno::NOENT: return {K::NotFound, e};
    case Errno::EXIST: return {K::AlreadyExists, e};
    case Errno::ACCES: return {K::AccessDenied, e};
    case Errno::PERM: return {K::PermissionDenied, e};
    case Errno::NOTDIR: return {K::NotDir, e};
    case Errno::ISDIR: return {K::IsDir, e};
    case Errno::NAMETOOLONG: return {K::NameTooLong, e};
    case Errno::LOOP: return {K::SymlinkLoop, e};
    case Errno::NOTEMPTY: return {K::DirNotEmpty, e};
    case Errno::NOSPC:
    case Errno::DQUOT: return {K::NoSpace, e};
    case Errno::ROFS: return {K::ReadOnly, e};
    case Errno::BUSY:
    case Errno::TXTBSY: return {K::Busy, e};
    case Errno::XDEV: return {K::CrossDevice, e};
    case Errno::NOSYS:
    case Errno::OPNOTSUPP: return {K::Unsupported, e};
    case Errno::MFILE: return {K::ProcessFdQuota, e};
    case Errno::NFILE: return {K::SystemFdQuota, e};
    case Errno::NOMEM:
    case Errno::NOBUFS: return {K::SystemResources, e};
    case Errno::FBIG:
    case Errno::OVERFLOW: return {K::FileTooBig, e};
    case Errno::INVAL: return {K::InvalidArgument, e};
    case Errno::AGAIN: return {K::WouldBlock, e};
    case Errno::PIPE: return {K::BrokenPipe, e};
    case Errno::SPIPE: return {K::NotSeekable, e};
    case Errno::IO: return {K::InputOutput, e};
    case Errno::BADF: return {K::BadDescriptor, e};
    case Errno::MLINK: return {K::TooManyLinks, e};
    case Errno::NOEXEC: return {K::InvalidExecutable, e};
    case Errno::_2BIG: return {K::ArgumentListTooLong, e};
    case Errno::TIMEDOUT: return {K::TimedOut, e};
    case Errno::CANCELED: return {K::Canceled, e};
    default: return {K::Unexpected, e};
    }
}

void format_value(fmt::Sink& s, const IoError& e) { fmt::format_into(s, "{} ({})", e.kind, e.err); }

FileKind file_kind_of_mode(unsigned mode) {
    switch (mode & sys::file_type::MASK) {
    case sys::file_type::REG: return FileKind::File;
    case sys::file_type::DIR: return FileKind::Directory;
    case sys::file_type::LNK: return FileKind::SymLink;
    case sys::file_type::FIFO: return FileKind::NamedPipe;
    case sys::file_type::CHR: return FileKind::CharDevice;
    case sys::file_type::BLK: return FileKind::BlockDevice;
    case sys::file_type::SOCK: return FileKind::Socket;
    default: return FileKind::Unknown;
    }
}

FileKind file_kind_of_dirent(unsigned type) {
    switch (type) {
    case sys::dirent_type::REG: return FileKind::File;
    case sys::dirent_type::DIR: return FileKind::Directory;
    case sys::dirent_type::LNK: return FileKind::SymLink;
    case sys::dirent_type::FIFO: return FileKind::NamedPipe;
    case sys::dirent_type::CHR: return FileKind::CharDevice;
    case sys::dirent_type::BLK: return FileKind::BlockDevice;
    case sys::dirent_type::SOCK: return FileKind::Socket;
    default: return FileKind::Unknown;
    }
}

namespace detail {

Expected<const char*, IoError> PathZ::set(StringView p) {
    if (p.size() >= PATH_MAX) return unexpected(IoError(IoError::NameTooLong, Errno::NAMETOOLONG));
    if (p.find('\0') != StringView::NPOS) return unexpected(IoError(IoError::InvalidPath, Errno::INVAL));
    __builtin_memcpy(buf_, p.data(), p.size());
    buf_[p.size()] = 0;
    return buf_;
}

} // namespace detail

namespace ops {

namespace {

template <class T> Expected<T, IoError> lift(Expected<T, Errno> r) {
    if (!r) return unexpected(io_error(r.error()));
    if constexpr (is_void_v<T>) return {};
    else return *r;
}

// A syscall that completes without waiting on another process, retried when a signal
// interrupts it (EINTR: the cancel signal or one of the program's own without SA_RESTART).
template <class F> auto retry(F f) -> decltype(f()) {
    for (;;) {
        auto r = f();
        if (r || r.error() != Errno::INTR) return r;
    }
}

inline bool in_task() { return rt::detail::t_cancel_word != nullptr; }

} // namespace

Expected<int, IoError> open(int dirfd, const char* path, long flags, unsigned mode) {
    return lift(retry([&] { return sys::openat(dirfd, path, flags | sys::o::CLOEXEC, mode); }));
}

Expected<int, IoError> open_beneath(int dirfd, const char* path, long flags, unsigned mode) {
    sys::OpenHow how{static_cast<uint64_t>(flags | sys::o::CLOEXEC),
                     (flags & sys::o::CREAT) ? mode : 0u,
                     static_cast<uint64_t>(sys::resolve::BENEATH | sys::resolve::NO_MAGICLINKS)};
    auto r = retry([&] { return sys::openat2(dirfd, path, how); });
    if (!r && r.error() == Errno::XDEV) return unexpected(IoError(IoError::PathEscapes, Errno::XDEV));
    return lift(r);
}

void close(int fd) { (void)sys::close(fd); }

// One buffer goes through read/write, not readv/writev: the kernel's vector import costs more
// than the call (measured in the "io" rows of scripts/bench).
Expected<size_t, IoError> read(int fd, const sys::Iovec* iov, int count) {
    if (in_task()) {
        if (count == 1) return lift(read_cancelable(fd, const_cast<void*>(iov[0].base), iov[0].len));
        return lift(readv_cancelable(fd, iov, count));
    }
    if (count == 1) return lift(retry([&] { return sys::read(fd, const_cast<void*>(iov[0].base), iov[0].len); }));
    return lift(retry([&] { return sys::readv(fd, iov, count); }));
}

Expected<size_t, IoError> write(int fd, const sys::Iovec* iov, int count) {
    if (in_task()) {
        if (count == 1) return lift(write_cancelable(fd, iov[0].base, iov[0].len));
        return lift(writev_cancelable(fd, iov, count));
    }
    if (count == 1) return lift(retry([&] { return sys::write(fd, iov[0].base, iov[0].len); }));
    return lift(retry([&] { return sys::writev(fd, iov, count); }));
}

Expected<size_t, IoError> read_at(int fd, const sys::Iovec* iov, int count, uint64_t offset) {
    if (offset > static_cast<uint64_t>(INT64_MAX)) return unexpected(IoError(IoError::InvalidArgument, Errno::INVAL));
    return lift(retry([&] { return sys::preadv(fd, iov, count, static_cast<int64_t>(offset)); }));
}

Expected<size_t, IoError> write_at(int fd, const sys::Iovec* iov, int count, uint64_t offset) {
    if (offset > static_cast<uint64_t>(INT64_MAX)) return unexpected(IoError(IoError::InvalidArgument, Errno::INVAL));
    return lift(retry([&] { return sys::pwritev(fd, iov, count, static_cast<int64_t>(offset)); }));
}

Expected<uint64_t, IoError> seek(int fd, int64_t offset, int whence) {
    auto r = sys::lseek(fd, offset, whence);
    if (!r) return unexpected(io_error(r.error()));
    return static_cast<uint64_t>(*r);
}

Expected<void, IoError> set_length(int fd, uint64_t length) {
    if (length > static_cast<uint64_t>(INT64_MAX)) return unexpected(IoError(IoError::FileTooBig, Errno::FBIG));
    return lift(retry([&] { return sys::ftruncate(fd, static_cast<int64_t>(length)); }));
}

Expected<void, IoError> sync(int fd, bool data_only) {
    return lift(retry([&] { return data_only ? sys::fdatasync(fd) : sys::fsync(fd); }));
}

namespace {

// The read/write loop of copy_range: through one buffer of 64 KiB (as coreutils' cp's default
// for a regular file), allocated once per call.
[[gnu::cold]] Expected<uint64_t, IoError> copy_by_buffer(int in, uint64_t* in_off, int out, uint64_t* out_off,
                                                         uint64_t n, uint64_t done) {
    constexpr size_t BUF = 64 * 1024;
    void* buf = rt::alloc(BUF);
    if (!buf) return unexpected(IoError(IoError::SystemResources, Errno::NOMEM));
    Expected<uint64_t, IoError> result = done;
    while (done < n) {
        size_t want = n - done < BUF ? static_cast<size_t>(n - done) : BUF;
        sys::Iovec v{buf, want};
        auto got = in_off ? read_at(in, &v, 1, *in_off) : read(in, &v, 1);
        if (!got) {
            result = unexpected(got.error());
            break;
        }
        if (*got == 0) break;
        if (in_off) *in_off += *got;
        size_t put = 0;
        while (put < *got) {
            sys::Iovec w{static_cast<char*>(buf) + put, *got - put};
            auto wr = out_off ? write_at(out, &w, 1, *out_off) : write(out, &w, 1);
            if (!wr) {
                result = unexpected(wr.error());
                break;
            }
            put += *wr;
            if (out_off) *out_off += *wr;
        }
        if (!result) break;
        done += *got;
        result = done;
    }
    rt::free(buf);
    return result;
}

} // namespace

Expected<uint64_t, IoError> copy_range(int in, uint64_t* in_off, int out, uint64_t* out_off, uint64_t n) {
    uint64_t done = 0;
    // copy_file_range takes loff_t*: signed offsets, which the kernel keeps below 2^63.
    int64_t ioff = in_off ? static_cast<int64_t>(*in_off) : 0;
    int64_t ooff = out_off ? static_cast<int64_t>(*out_off) : 0;
    while (done < n) {
        uint64_t left = n - done;
        size_t chunk = left > (size_t{1} << 30) ? (size_t{1} << 30) : static_cast<size_t>(left);
        auto r = retry([&] { return sys::copy_file_range(in, in_off ? &ioff : nullptr, out, out_off ? &ooff : nullptr, chunk); });
        if (in_off) *in_off = static_cast<uint64_t>(ioff);
        if (out_off) *out_off = static_cast<uint64_t>(ooff);
        if (!r) {
            Errno e = r.error();
            // The kernel cannot copy between these files (or has no copy_file_range): the rest
            // goes through memory, from where the kernel stopped (the offsets moved with it).
            if (e == Errno::XDEV || e == Errno::INVAL || e == Errno::OPNOTSUPP || e == Errno::NOSYS)
                return copy_by_buffer(in, in_off, out, out_off, n, done);
            return unexpected(io_error(e));
        }
        if (*r == 0) break;
        done += *r;
    }
    return done;
}

Expected<Stat, IoError> stat(int dirfd, const char* path, int flags) {
    sys::Statx sx;
    auto r = retry([&] { return sys::statx(dirfd, path, flags, sys::statx_mask::BASIC_STATS, &sx); });
    if (!r) return unexpected(io_error(r.error()));
    Stat st;
    st.kind = file_kind_of_mode(sx.mode);
    st.permissions = sx.mode & 07777u;
    st.nlink = sx.nlink;
    st.uid = sx.uid;
    st.gid = sx.gid;
    st.inode = sx.ino;
    st.size = sx.size;
    st.blocks = sx.blocks;
    st.dev_major = sx.dev_major;
    st.dev_minor = sx.dev_minor;
    st.atime = {sx.atime.sec, sx.atime.nsec};
    st.mtime = {sx.mtime.sec, sx.mtime.nsec};
    st.ctime = {sx.ctime.sec, sx.ctime.nsec};
    return st;
}

Expected<size_t, IoError> read_dir(int fd, void* buf, size_t n) {
    return lift(retry([&] { return sys::getdents64(fd, buf, n); }));
}

Expected<void, IoError> make_dir(int dirfd, const char* path, unsigned mode) {
    return lift(retry([&] { return sys::mkdirat(dirfd, path, mode); }));
}

Expected<void, IoError> remove(int dirfd, const char* path, bool dir) {
    return lift(retry([&] { return sys::unlinkat(dirfd, path, dir ? static_cast<int>(sys::at::REMOVEDIR) : 0); }));
}

namespace {
template <class S = sys::Sys> Expected<void, Errno> renameat_plain(int od, const char* op, int nd, const char* np) {
    if constexpr (requires { S::renameat; }) return sys::syscall<void>(S::renameat, od, op, nd, np);
    else return unexpected(Errno::NOSYS);
}
} // namespace

Expected<void, IoError> rename(int olddir, const char* oldpath, int newdir, const char* newpath, unsigned flags) {
    auto r = retry([&] { return sys::renameat2(olddir, oldpath, newdir, newpath, flags); });
    // renameat2 came in Linux 3.15; without flags renameat does the same.
    if (!r && r.error() == Errno::NOSYS && flags == 0) r = renameat_plain(olddir, oldpath, newdir, newpath);
    return lift(r);
}

Expected<void, IoError> hard_link(int olddir, const char* oldpath, int newdir, const char* newpath, bool follow) {
    return lift(retry([&] {
        return sys::linkat(olddir, oldpath, newdir, newpath, follow ? static_cast<int>(sys::at::SYMLINK_FOLLOW) : 0);
    }));
}

Expected<void, IoError> sym_link(const char* target, int dirfd, const char* path) {
    return lift(retry([&] { return sys::symlinkat(target, dirfd, path); }));
}

Expected<size_t, IoError> read_link(int dirfd, const char* path, char* buf, size_t n) {
    auto r = retry([&] { return sys::readlinkat(dirfd, path, buf, n); });
    if (!r) return unexpected(io_error(r.error()));
    // readlink fills the whole buffer when the target is as long or longer: refuse rather than
    // hand back a truncated target.
    if (*r >= n) return unexpected(IoError(IoError::NameTooLong, Errno::NAMETOOLONG));
    return *r;
}

namespace {
template <class S = sys::Sys> Expected<void, Errno> faccessat_plain(int dirfd, const char* path, unsigned mode) {
    return sys::syscall<void>(S::faccessat, dirfd, path, mode);
}
} // namespace

Expected<void, IoError> access(int dirfd, const char* path, unsigned mode, int flags) {
    auto r = retry([&] { return sys::faccessat2(dirfd, path, mode, flags); });
    if (!r && r.error() == Errno::NOSYS) {
        // Before Linux 5.8: faccessat has no flags argument (it checks with the real ids and
        // follows symlinks), so only a call without flags means the same there.
        if (flags != 0) return unexpected(IoError(IoError::Unsupported, Errno::NOSYS));
        r = retry([&] { return faccessat_plain(dirfd, path, mode); });
    }
    return lift(r);
}

Expected<void, IoError> set_permissions(int dirfd, const char* path, unsigned mode) {
    if (!path) return lift(retry([&] { return sys::fchmod(dirfd, mode); }));
    return lift(retry([&] { return sys::fchmodat(dirfd, path, mode); }));
}

Expected<void, IoError> set_times(int dirfd, const char* path, const sys::Timespec times[2], int flags) {
    return lift(retry([&] { return sys::utimensat(dirfd, path, times, flags); }));
}

Expected<size_t, IoError> current_dir(char* buf, size_t n) {
    auto r = sys::getcwd(buf, n);
    if (!r && r.error() == Errno::RANGE) return unexpected(IoError(IoError::NameTooLong, Errno::RANGE));
    if (!r) return unexpected(io_error(r.error()));
    return *r - 1;
}

} // namespace ops
} // namespace rt
