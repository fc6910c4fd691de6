// The blocking operations rt::Io's table is made of (rt/exec/io.h): files, directories and
// descriptors at the descriptor level, each a thin layer over rt/sys with the named errors of
// rt/ops/error.h, the fallbacks for older kernels and emulators, and the cancel points of
// rt/sync/cancel_points.h. Both implementations of Io (rt::Executor, rt::InlineIo) run these;
// programs call them through an Io and the handles of rt/fs, not directly.
//
// Paths are NUL-terminated here (rt::detail::PathZ makes them from a StringView). Descriptors are
// always opened close-on-exec. Inside an executor task, the calls that can wait for something
// outside the process — a streaming read or write (a pipe, FIFO, socket or terminal) — are
// cancel points and return Canceled; the others complete in the kernel without waiting on
// another process and are not interrupted.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "rt/core/expected.h"
#include "rt/core/string_view.h"
#include "rt/ops/error.h"
#include "rt/sys/fs.h"

namespace rt {

// The longest path the kernel takes, with its NUL (include/uapi/linux/limits.h PATH_MAX).
inline constexpr size_t PATH_MAX = 4096;

enum class FileKind : uint8_t { Unknown, File, Directory, SymLink, NamedPipe, CharDevice, BlockDevice, Socket };

// A file's metadata (statx's basic fields).
struct Stat {
    FileKind kind;
    uint32_t permissions; // the mode's low 12 bits (07777)
    uint32_t nlink;
    uint32_t uid, gid;
    uint64_t inode;
    uint64_t size;   // bytes
    uint64_t blocks; // of 512 bytes
    uint32_t dev_major, dev_minor;
    sys::Timespec atime, mtime, ctime;
};

// The kind of a file from its mode's file_type:: bits, or from a getdents64 dirent_type::.
FileKind file_kind_of_mode(unsigned mode);
FileKind file_kind_of_dirent(unsigned type);

namespace detail {

// A path as the kernel takes it: the view copied with a NUL. NameTooLong if it does not fit
// PATH_MAX, InvalidPath if it holds a NUL. 4 KiB of stack, as the kernel's own copy.
class PathZ {
public:
    Expected<const char*, IoError> set(StringView p);

private:
    char buf_[PATH_MAX];
};

} // namespace detail

namespace ops {

// openat with o::CLOEXEC added; flags o::*, mode with o::CREAT or o::TMPFILE.
Expected<int, IoError> open(int dirfd, const char* path, long flags, unsigned mode);
// openat2 with resolve::BENEATH | NO_MAGICLINKS: PathEscapes for "..", an absolute path or a
// symlink out of dirfd; SymlinkLoop for /proc's magic links; Unsupported (never an unrestricted
// open) where the kernel or emulator has no openat2 (before Linux 5.6, QEMU 7.2).
Expected<int, IoError> open_beneath(int dirfd, const char* path, long flags, unsigned mode);
// Closes fd; an error of close is not reported (the descriptor is gone either way).
void close(int fd);

// readv/writev at the file's position; cancel points inside a task (wait until the descriptor is
// ready, then transfer). 0 from read: the end of the file.
Expected<size_t, IoError> read(int fd, const sys::Iovec* iov, int count);
Expected<size_t, IoError> write(int fd, const sys::Iovec* iov, int count);
// preadv/pwritev at `offset`, the position unchanged.
Expected<size_t, IoError> read_at(int fd, const sys::Iovec* iov, int count, uint64_t offset);
Expected<size_t, IoError> write_at(int fd, const sys::Iovec* iov, int count, uint64_t offset);
// lseek; whence seek::SET, CUR, END. The new position.
Expected<uint64_t, IoError> seek(int fd, int64_t offset, int whence);
// ftruncate (ftruncate64 on 32-bit ABIs).
Expected<void, IoError> set_length(int fd, uint64_t length);
Expected<void, IoError> sync(int fd, bool data_only);
// copy_file_range, and where the kernel refuses it for these files (EXDEV, EINVAL, EOPNOTSUPP,
// ENOSYS) a read/write loop through a buffer; null offsets use and move the positions. The
// bytes copied, fewer than n only at the input's end.
Expected<uint64_t, IoError> copy_range(int in, uint64_t* in_off, int out, uint64_t* out_off, uint64_t n);

// statx of path relative to dirfd (flags at::SYMLINK_NOFOLLOW; "" with at::EMPTY_PATH: dirfd itself).
Expected<Stat, IoError> stat(int dirfd, const char* path, int flags);
// getdents64 into buf: the bytes filled, 0 at the end.
Expected<size_t, IoError> read_dir(int fd, void* buf, size_t n);
Expected<void, IoError> make_dir(int dirfd, const char* path, unsigned mode);
// unlinkat; `dir`: rmdir's semantics (at::REMOVEDIR).
Expected<void, IoError> remove(int dirfd, const char* path, bool dir);
// renameat2 with rename_flag:: bits; flags 0 falls back on renameat where renameat2 is missing.
Expected<void, IoError> rename(int olddir, const char* oldpath, int newdir, const char* newpath, unsigned flags);
Expected<void, IoError> hard_link(int olddir, const char* oldpath, int newdir, const char* newpath, bool follow);
Expected<void, IoError> sym_link(const char* target, int dirfd, const char* path);
// The link's target into buf; NameTooLong if it does not fit (never a truncated target).
Expected<size_t, IoError> read_link(int dirfd, const char* path, char* buf, size_t n);
// faccessat2; where it is missing (before Linux 5.8) faccessat, which has no flags: with flags
// other than 0 that is Unsupported.
Expected<void, IoError> access(int dirfd, const char* path, unsigned mode, int flags);
// fchmodat (fchmod when path is null).
Expected<void, IoError> set_permissions(int dirfd, const char* path, unsigned mode);
// utimensat (times null: both now; path null: dirfd itself).
Expected<void, IoError> set_times(int dirfd, const char* path, const sys::Timespec times[2], int flags);
// getcwd into buf: the length without the NUL; NameTooLong if buf is too small.
Expected<size_t, IoError> current_dir(char* buf, size_t n);

} // namespace ops
} // namespace rt
