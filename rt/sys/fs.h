// File-system syscalls: metadata (statx), directories (getdents64, getcwd, fchdir), names
// (renameat2, linkat, symlinkat, readlinkat), permissions and times (fchmodat, fchmod,
// faccessat2, utimensat), data (readv, preadv, pwritev, fsync, fdatasync, copy_file_range) and
// the resolution-restricted open (openat2). Thin wrappers: the fallbacks for kernels or
// emulators without a syscall belong to the layers above (docs/kernels.md lists the versions).
// The structures are the kernel's, laid out the same on every ABI (fixed-width fields only).
#pragma once

#include "arch_abi.h"
#include "rt/sys/fd.h"
#include "rt/sys/syscall.h"
#include "rt/sys/time.h"
#include "uapi.h"

namespace rt::sys {

// struct statx_timestamp and struct statx (include/uapi/linux/stat.h, Linux 6.1: 256 bytes,
// the fields after stx_mnt_id added by 5.8 and 6.1 are zero where the kernel is older).
struct StatxTimestamp {
    int64_t sec;
    uint32_t nsec;
    int32_t reserved;
};
struct Statx {
    uint32_t mask; // statx_mask:: bits the kernel filled in
    uint32_t blksize;
    uint64_t attributes;
    uint32_t nlink;
    uint32_t uid;
    uint32_t gid;
    uint16_t mode; // file_type:: bits | permission bits
    uint16_t spare0;
    uint64_t ino;
    uint64_t size;
    uint64_t blocks; // of 512 bytes
    uint64_t attributes_mask;
    StatxTimestamp atime, btime, ctime, mtime;
    uint32_t rdev_major, rdev_minor;
    uint32_t dev_major, dev_minor;
    uint64_t mnt_id;
    uint32_t dio_mem_align, dio_offset_align;
    uint64_t spare3[12];
};
static_assert(sizeof(StatxTimestamp) == 16, "struct statx_timestamp");
static_assert(sizeof(Statx) == 0x100 && __builtin_offsetof(Statx, ino) == 0x20 &&
                  __builtin_offsetof(Statx, atime) == 0x40 && __builtin_offsetof(Statx, rdev_major) == 0x80 &&
                  __builtin_offsetof(Statx, mnt_id) == 0x90,
              "struct statx: the offsets the kernel's header comments give");

// Fills *st with what `mask` asks for (more or less: st->mask says what was filled) about
// `path` relative to dirfd; flags: at::SYMLINK_NOFOLLOW, at::EMPTY_PATH (path "" and dirfd the
// file itself), at::NO_AUTOMOUNT, at::STATX_*. Linux 4.11.
inline Expected<void, Errno> statx(int dirfd, const char* path, int flags, unsigned mask, Statx* st) {
    return syscall<void>(Sys::statx, dirfd, path, flags, mask, st);
}

// struct linux_dirent64 (include/linux/dirent.h): records of `reclen` bytes, 8-aligned, each
// a name of NUL-terminated bytes at offset 19.
struct Dirent64 {
    uint64_t ino;
    int64_t off;
    uint16_t reclen;
    uint8_t type; // dirent_type::
    char name[1];
};
static_assert(__builtin_offsetof(Dirent64, name) == 19, "linux_dirent64's d_name");
// Reads entries of the open directory fd into buf; the bytes filled, 0 at the end.
inline Expected<size_t, Errno> getdents64(int fd, void* buf, size_t n) {
    return syscall<size_t>(Sys::getdents64, fd, buf, n);
}

// The current directory's path, NUL-terminated, into buf; the length including the NUL.
// ERANGE: buf is too small; ENOENT: the directory was removed.
inline Expected<size_t, Errno> getcwd(char* buf, size_t n) { return syscall<size_t>(Sys::getcwd, buf, n); }
inline Expected<void, Errno> fchdir(int fd) { return syscall<void>(Sys::fchdir, fd); }

// rename_flag::NOREPLACE (EEXIST if the target exists), EXCHANGE (swaps two existing names).
// Linux 3.15; EINVAL where a file system does not support a flag.
inline Expected<void, Errno> renameat2(int olddir, const char* oldpath, int newdir, const char* newpath,
                                       unsigned flags) {
    return syscall<void>(Sys::renameat2, olddir, oldpath, newdir, newpath, flags);
}
// flags: at::SYMLINK_FOLLOW (link what a symlink names), at::EMPTY_PATH.
inline Expected<void, Errno> linkat(int olddir, const char* oldpath, int newdir, const char* newpath, int flags) {
    return syscall<void>(Sys::linkat, olddir, oldpath, newdir, newpath, flags);
}
inline Expected<void, Errno> symlinkat(const char* target, int newdir, const char* linkpath) {
    return syscall<void>(Sys::symlinkat, target, newdir, linkpath);
}
// The link's target into buf, not NUL-terminated; the bytes stored (== n: maybe truncated).
inline Expected<size_t, Errno> readlinkat(int dirfd, const char* path, char* buf, size_t n) {
    return syscall<size_t>(Sys::readlinkat, dirfd, path, buf, n);
}

// Permission bits (07777). fchmodat takes no flags: the kernel's has none (AT_SYMLINK_NOFOLLOW
// came with fchmodat2 in 6.6).
inline Expected<void, Errno> fchmodat(int dirfd, const char* path, unsigned mode) {
    return syscall<void>(Sys::fchmodat, dirfd, path, mode);
}
inline Expected<void, Errno> fchmod(int fd, unsigned mode) { return syscall<void>(Sys::fchmod, fd, mode); }
// mode: access::READ | WRITE | EXECUTE, or 0 for existence; flags: at::EACCESS (the effective
// ids), at::SYMLINK_NOFOLLOW, at::EMPTY_PATH. Linux 5.8 (faccessat before it has no flags).
inline Expected<void, Errno> faccessat2(int dirfd, const char* path, unsigned mode, int flags) {
    return syscall<void>(Sys::faccessat2, dirfd, path, mode, flags);
}

namespace detail {
template <class S = Sys> constexpr S utimensat_nr() {
    if constexpr (requires { S::utimensat_time64; }) return S::utimensat_time64;
    else return S::utimensat;
}
} // namespace detail
// Sets the access and modification times (times[0], times[1]; nsec utime::NOW or utime::OMIT;
// null: both now); flags: at::SYMLINK_NOFOLLOW, at::EMPTY_PATH. On a 32-bit ABI before Linux
// 5.1 it falls back on the 32-bit utimensat; a time it cannot carry is EOVERFLOW there, never
// a clamped one.
template <class S = Sys> Expected<void, Errno> utimensat(int dirfd, const char* path, const Timespec times[2], int flags) {
    if constexpr (requires { S::utimensat_time64; S::utimensat; }) {
        return detail::with_time32_fallback(
            [&] { return syscall<void>(S::utimensat_time64, dirfd, path, times, flags); }, [&]() -> Expected<void, Errno> {
                if (!times) return syscall<void>(S::utimensat, dirfd, path, nullptr, flags);
                Timespec32 t32[2];
                for (int i = 0; i < 2; ++i) {
                    if (times[i].sec != static_cast<int32_t>(times[i].sec)) return unexpected(Errno::OVERFLOW);
                    t32[i] = detail::to_time32(times[i]);
                }
                return syscall<void>(S::utimensat, dirfd, path, t32, flags);
            });
    } else {
        return syscall<void>(detail::utimensat_nr<S>(), dirfd, path, times, flags);
    }
}

inline Expected<size_t, Errno> readv(int fd, const Iovec* iov, int count) {
    return syscall<size_t>(Sys::readv, fd, iov, count);
}
// The offset goes in two words on every ABI, low first (the kernel joins pos_l and pos_h by
// its long's width: on a 64-bit one pos_l is the whole offset and pos_h is shifted out; n32's
// compat entry takes two 32-bit halves), so no register pair needs aligning.
namespace detail {
inline long pos_low(int64_t off) { return static_cast<long>(off); }
inline long pos_high(int64_t off) { return static_cast<long>(static_cast<uint64_t>(off) >> 32); }
} // namespace detail
inline Expected<size_t, Errno> preadv(int fd, const Iovec* iov, int count, int64_t off) {
    return syscall<size_t>(Sys::preadv, fd, iov, count, detail::pos_low(off), detail::pos_high(off));
}
inline Expected<size_t, Errno> pwritev(int fd, const Iovec* iov, int count, int64_t off) {
    return syscall<size_t>(Sys::pwritev, fd, iov, count, detail::pos_low(off), detail::pos_high(off));
}
// Sets the file's length (ftruncate; ftruncate64 on ABIs with 32-bit registers, its length in
// two registers in memory order, after a pad register where the ABI aligns pairs:
// arch::ALIGNED_REGISTER_PAIRS).
template <class S = Sys> Expected<void, Errno> ftruncate(int fd, int64_t length) {
    if constexpr (sizeof(Word) == 4) {
        union {
            int64_t v;
            Word w[2];
        } u{length};
        if constexpr (arch::ALIGNED_REGISTER_PAIRS) return syscall<void>(S::ftruncate64, fd, 0, u.w[0], u.w[1]);
        else return syscall<void>(S::ftruncate64, fd, u.w[0], u.w[1]);
    } else {
        return syscall<void>(S::ftruncate, fd, length);
    }
}
inline Expected<void, Errno> fsync(int fd) { return syscall<void>(Sys::fsync, fd); }
inline Expected<void, Errno> fdatasync(int fd) { return syscall<void>(Sys::fdatasync, fd); }

// Copies up to n bytes between files inside the kernel; null offsets use and move the files'
// positions. The bytes copied (0 at the input's end). Linux 4.5; EXDEV across file systems
// before 5.3 and again since 5.19 for most of them, EINVAL or EOPNOTSUPP where a file system
// has no support: the caller falls back on read and write.
inline Expected<size_t, Errno> copy_file_range(int in, int64_t* in_off, int out, int64_t* out_off, size_t n,
                                               unsigned flags = 0) {
    return syscall<size_t>(Sys::copy_file_range, in, in_off, out, out_off, n, flags);
}

// struct open_how (include/uapi/linux/openat2.h).
struct OpenHow {
    uint64_t flags;   // o:: (unknown bits are EINVAL here, unlike openat)
    uint64_t mode;    // with o::CREAT or o::TMPFILE only, else 0
    uint64_t resolve; // resolve:: bits
};
static_assert(sizeof(OpenHow) == 24, "struct open_how, version 0");
// openat with restricted resolution: resolve::BENEATH refuses "..", absolute paths and
// symlinks that leave dirfd (EXDEV), resolve::NO_MAGICLINKS refuses /proc's magic links (ELOOP).
// Linux 5.6; ENOSYS before it (and under emulators that lack it).
inline Expected<int, Errno> openat2(int dirfd, const char* path, const OpenHow& how) {
    OpenHow h = how;
    h.flags |= o::LARGEFILE; // as openat: the 32-bit ABIs' files over 2 GiB (rt/sys/fd.h)
    return syscall<int>(Sys::openat2, dirfd, path, &h, sizeof h);
}

} // namespace rt::sys
