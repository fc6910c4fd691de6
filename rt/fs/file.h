// rt::File: an open file (or pipe, FIFO, device) as a move-only handle that closes its
// descriptor when destroyed. Every operation takes the rt::Io it runs on (rt/exec/io.h), as the
// seed's File does; errors are rt::IoError (rt/ops/error.h). Files come from rt::Dir
// (rt/fs/dir.h: open_file, create_file), File::open_self_exe, or adopt a descriptor.
//
//   auto f = rt::Dir::cwd().create_file(io, "out.txt");
//   if (!f) return f.error();
//   if (auto w = f->write_all(io, "hello\n"); !w) return w.error();
//
// Streaming transfers (read, write, write_all) are cancel points inside an executor task (a pipe
// or FIFO with nothing to read is waited for with poll, which the cancel signal ends);
// positional ones, seek, stat and the rest complete in the kernel without waiting on another
// process.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "rt/core/expected.h"
#include "rt/core/string_view.h"
#include "rt/exec/io.h"
#include "rt/ops/ops.h"

namespace rt {

class File {
public:
    // No file.
    File() = default;
    // Adopts fd: the File closes it.
    explicit File(int fd) : fd_(fd) {}
    File(File&& o) : fd_(o.fd_) { o.fd_ = -1; }
    File& operator=(File&& o) {
        if (this != &o) {
            reset();
            fd_ = o.fd_;
            o.fd_ = -1;
        }
        return *this;
    }
    File(const File&) = delete;
    File& operator=(const File&) = delete;
    ~File() { reset(); }

    bool is_open() const { return fd_ >= 0; }
    int handle() const { return fd_; }
    // Gives the descriptor up: the caller closes it.
    int release() {
        int fd = fd_;
        fd_ = -1;
        return fd;
    }
    // Closes the file now (through io); the File is then empty.
    void close(Io& io) {
        if (fd_ >= 0) io.close(fd_);
        fd_ = -1;
    }

    // The running program's executable (/proc/self/exe), opened for reading.
    static Expected<File, IoError> open_self_exe(Io& io);

    // At most n bytes at the position; 0 at the end of the file.
    Expected<size_t, IoError> read(Io& io, void* buf, size_t n) {
        sys::Iovec v{buf, n};
        return io.read(fd_, &v, 1);
    }
    Expected<size_t, IoError> read_vec(Io& io, const sys::Iovec* iov, int count) { return io.read(fd_, iov, count); }
    // Reads until buf is full or the file ends: the bytes read (< n only at the end).
    Expected<size_t, IoError> read_all(Io& io, void* buf, size_t n);
    Expected<size_t, IoError> write(Io& io, const void* buf, size_t n) {
        sys::Iovec v{buf, n};
        return io.write(fd_, &v, 1);
    }
    Expected<size_t, IoError> write_vec(Io& io, const sys::Iovec* iov, int count) { return io.write(fd_, iov, count); }
    // Writes all n bytes (as many writes as it takes).
    Expected<void, IoError> write_all(Io& io, const void* buf, size_t n);
    Expected<void, IoError> write_all(Io& io, StringView s) { return write_all(io, s.data(), s.size()); }

    // At `offset`, the position unchanged (NotSeekable on a pipe).
    Expected<size_t, IoError> read_at(Io& io, void* buf, size_t n, uint64_t offset) {
        sys::Iovec v{buf, n};
        return io.read_at(fd_, &v, 1, offset);
    }
    Expected<size_t, IoError> write_at(Io& io, const void* buf, size_t n, uint64_t offset) {
        sys::Iovec v{buf, n};
        return io.write_at(fd_, &v, 1, offset);
    }

    // The new position.
    Expected<uint64_t, IoError> seek_to(Io& io, uint64_t offset);
    Expected<uint64_t, IoError> seek_by(Io& io, int64_t delta) { return io.seek(fd_, delta, sys::seek::CUR); }
    Expected<uint64_t, IoError> seek_from_end(Io& io, int64_t delta) { return io.seek(fd_, delta, sys::seek::END); }
    Expected<uint64_t, IoError> position(Io& io) { return io.seek(fd_, 0, sys::seek::CUR); }

    Expected<Stat, IoError> stat(Io& io) const { return io.stat(fd_, "", sys::at::EMPTY_PATH); }
    // Cuts the file to `length` bytes or extends it with zeros (a hole where the file system has them).
    Expected<void, IoError> set_length(Io& io, uint64_t length) { return io.set_length(fd_, length); }
    Expected<void, IoError> sync(Io& io) { return io.sync(fd_, false); }
    Expected<void, IoError> datasync(Io& io) { return io.sync(fd_, true); }
    Expected<void, IoError> set_permissions(Io& io, unsigned mode) { return io.set_permissions(fd_, nullptr, mode); }
    // Access and modification times (utime::NOW / utime::OMIT in nsec as utimensat takes them).
    Expected<void, IoError> set_times(Io& io, sys::Timespec atime, sys::Timespec mtime) {
        sys::Timespec t[2] = {atime, mtime};
        return io.set_times(fd_, nullptr, t, 0);
    }

    // Copies up to n bytes from this file's position to out's (both move): copy_file_range, or a
    // read/write loop where the kernel refuses it. The bytes copied (< n only at the end).
    Expected<uint64_t, IoError> copy_to(Io& io, File& out, uint64_t n) {
        return io.copy_range(fd_, nullptr, out.fd_, nullptr, n);
    }
    // The same between offsets, the positions unchanged.
    Expected<uint64_t, IoError> copy_range_to(Io& io, uint64_t offset, File& out, uint64_t out_offset, uint64_t n) {
        return io.copy_range(fd_, &offset, out.fd_, &out_offset, n);
    }

private:
    void reset() {
        if (fd_ >= 0) ops::close(fd_);
        fd_ = -1;
    }
    int fd_ = -1;
};

} // namespace rt
