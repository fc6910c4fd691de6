// File-descriptor syscalls.
#pragma once

#include "rt/sys/syscall.h"
#include "uapi.h"

namespace rt::sys {

struct Iovec {
    const void* base;
    size_t len;
};

inline Expected<size_t, Errno> read(int fd, void* buf, size_t n) { return syscall<size_t>(Sys::read, fd, buf, n); }
inline Expected<size_t, Errno> write(int fd, const void* buf, size_t n) {
    return syscall<size_t>(Sys::write, fd, buf, n);
}
inline Expected<size_t, Errno> writev(int fd, const Iovec* iov, int count) {
    return syscall<size_t>(Sys::writev, fd, iov, count);
}
inline Expected<int, Errno> openat(int dirfd, const char* path, long flags, unsigned mode = 0) {
    // 32-bit ABIs must ask for O_LARGEFILE or files over 2 GiB fail with EOVERFLOW; 64-bit
    // kernels force it on anyway (force_o_largefile), so passing it everywhere is harmless.
    return syscall<int>(Sys::openat, dirfd, path, flags | o::LARGEFILE, mode);
}
inline Expected<void, Errno> close(int fd) { return syscall<void>(Sys::close, fd); }
inline Expected<void, Errno> unlinkat(int dirfd, const char* path, int flags) {
    return syscall<void>(Sys::unlinkat, dirfd, path, flags);
}
inline Expected<void, Errno> mkdirat(int dirfd, const char* path, unsigned mode) {
    return syscall<void>(Sys::mkdirat, dirfd, path, mode);
}

// A device number as mknodat takes it (dev_t): the kernel's new_encode_dev
// (include/linux/kdev_t.h) — minor bits 0..7, major 8..19, minor's upper bits 20..31 — which
// carries 12-bit majors and 20-bit minors in 32 bits on every ABI.
constexpr uint32_t makedev(uint32_t major, uint32_t minor) {
    return (minor & 0xff) | ((major & 0xfff) << 8) | ((minor & ~0xffu) << 12);
}
// Creates a file system node: mode is a file_type:: constant (FIFO, CHR, BLK, REG, SOCK) or'ed
// with permission bits; dev a makedev() value for CHR and BLK, else 0.
inline Expected<void, Errno> mknodat(int dirfd, const char* path, unsigned mode, uint32_t dev) {
    return syscall<void>(Sys::mknodat, dirfd, path, mode, dev);
}
inline Expected<void, Errno> chdir(const char* path) { return syscall<void>(Sys::chdir, path); }

// fcntl with an integer argument (fcntl_op:: commands: DUPFD_CLOEXEC, GETFD/SETFD, GETFL/SETFL,
// GETPIPE_SZ/SETPIPE_SZ); fcntl64 where the ABI has it (the 32-bit ones; riscv32 has only it).
template <class S = Sys> Expected<int, Errno> fcntl(int fd, int cmd, long arg = 0) {
    if constexpr (requires { S::fcntl64; }) return syscall<int>(S::fcntl64, fd, cmd, arg);
    else return syscall<int>(S::fcntl, fd, cmd, arg);
}

inline Expected<void, Errno> pipe2(int fds[2], long flags) { return syscall<void>(Sys::pipe2, fds, flags); }
inline Expected<int, Errno> dup3(int oldfd, int newfd, long flags) { return syscall<int>(Sys::dup3, oldfd, newfd, flags); }

namespace detail {
// ABIs with 32-bit registers only have _llseek (the offset split in two, the result stored
// through a pointer); 64-bit ABIs have lseek, and some (ppc64, sparc64) have both.
template <class S = Sys> Expected<int64_t, Errno> lseek(int fd, int64_t off, int whence) {
    if constexpr (sizeof(Word) == 4) {
        int64_t result = 0;
        auto hi = static_cast<Word>(static_cast<uint64_t>(off) >> 32);
        auto lo = static_cast<Word>(static_cast<uint64_t>(off) & 0xffffffffu);
        S nr;
        if constexpr (requires { S::_llseek; }) nr = S::_llseek;
        else nr = S::llseek;
        auto r = syscall<void>(nr, fd, hi, lo, &result, whence);
        if (!r) return unexpected(r.error());
        return result;
    } else {
        return syscall<int64_t>(S::lseek, fd, off, whence);
    }
}
} // namespace detail

inline Expected<int64_t, Errno> lseek(int fd, int64_t off, int whence) { return detail::lseek(fd, off, whence); }

} // namespace rt::sys
