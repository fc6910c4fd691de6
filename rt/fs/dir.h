// rt::Dir: an open directory as a move-only handle (closed when destroyed), and everything done
// by path relative to one: open and create files, make, iterate and delete directories (a whole
// tree too), rename, links, metadata. Dir::cwd() is the current directory (never closed). Paths
// are byte strings (StringView), relative to the Dir unless absolute; a path of PATH_MAX bytes
// or more is NameTooLong, one holding a NUL is InvalidPath, both before any syscall. Every call
// takes the rt::Io it runs on (rt/exec/io.h); errors are rt::IoError (rt/ops/error.h).
//
//   rt::InlineIo io;
//   auto d = rt::Dir::cwd().make_open_dir(io, "out/logs");   // mkdir -p, then open
//   auto f = d->create_file(io, "today.txt", {.exclusive = true});
//   rt::DirIterator it = d->iterate(io);
//   while (auto e = it.next(io)) { if (!*e) break; rt::print("{}\n", (*e)->name); }
//
// Descriptors are opened close-on-exec. The `_beneath` opens resolve the path with openat2's
// RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS: "..", an absolute path or a symlink that leaves the
// directory is PathEscapes; without openat2 (Linux before 5.6, QEMU 7.2) they are Unsupported,
// never an unrestricted open.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "rt/core/expected.h"
#include "rt/core/string_view.h"
#include "rt/exec/io.h"
#include "rt/fs/file.h"
#include "rt/ops/ops.h"

namespace rt {

// How open_file opens an existing file.
struct OpenOptions {
    enum Mode : uint8_t { ReadOnly, WriteOnly, ReadWrite };
    Mode mode = ReadOnly;
    bool append = false;      // every write goes to the end (O_APPEND)
    bool follow = true;       // false: a symlink as the last component is SymlinkLoop (O_NOFOLLOW)
    bool nonblocking = false; // O_NONBLOCK: a FIFO opens without waiting; transfers may be WouldBlock
};
// How create_file creates (or opens) a file for writing.
struct CreateOptions {
    bool read = false;      // open for reading too
    bool truncate = true;   // an existing file is emptied (O_TRUNC)
    bool exclusive = false; // AlreadyExists if the name exists, a symlink included (O_EXCL)
    bool append = false;
    unsigned mode = 0666;   // permission bits of a new file, before the umask
};
// Which permissions access() checks (none: only that the file exists).
struct AccessMode {
    bool read = false, write = false, execute = false;
};
enum class RenameMode : uint8_t {
    Replace,   // the target, if it exists, is replaced (rename(2))
    NoReplace, // AlreadyExists if the target exists (renameat2 RENAME_NOREPLACE, Linux 3.15)
    Exchange,  // both names must exist and swap (RENAME_EXCHANGE)
};

// One entry of a directory: valid until the iterator's next call to next().
struct DirEntry {
    StringView name;
    FileKind kind; // Unknown where the file system does not say (stat it: Dir::stat_path)
    uint64_t inode;
};

// Reads a directory's entries ("." and ".." left out) in the kernel's order, a buffer of them per
// getdents64 call, with no allocation. Iterates the directory from its start.
class DirIterator {
public:
    // rewind: seek to the directory's start first (false only for a descriptor known to be there).
    explicit DirIterator(int fd, bool rewind = true) : fd_(fd), started_(!rewind) {}
    // The next entry, or null at the end.
    Expected<const DirEntry*, IoError> next(Io& io);

private:
    int fd_;
    bool started_ = false;
    uint32_t pos_ = 0, end_ = 0;
    DirEntry entry_{};
    alignas(8) char buf_[4096];
};

class Dir {
public:
    // The current directory (AT_FDCWD: follows chdir).
    static Dir cwd() { return Dir(AT_CWD); }
    // The current directory's absolute path into buf (NUL-terminated); NameTooLong if it does not fit.
    static Expected<StringView, IoError> current_path(Io& io, char* buf, size_t n);

    Dir() = default;
    // Adopts fd (closed with the Dir).
    explicit Dir(int fd) : fd_(fd) {}
    Dir(Dir&& o) : fd_(o.fd_), fresh_(o.fresh_) { o.fd_ = -1; }
    Dir& operator=(Dir&& o) {
        if (this != &o) {
            reset();
            fd_ = o.fd_;
            fresh_ = o.fresh_;
            o.fd_ = -1;
        }
        return *this;
    }
    Dir(const Dir&) = delete;
    Dir& operator=(const Dir&) = delete;
    ~Dir() { reset(); }

    bool is_open() const { return fd_ >= 0 || fd_ == AT_CWD; }
    int handle() const { return fd_; }
    void close(Io& io) {
        if (fd_ >= 0) io.close(fd_);
        fd_ = -1;
    }

    // Opens the directory at path (NotDir if it is not one); follow false: a symlink is SymlinkLoop.
    Expected<Dir, IoError> open_dir(Io& io, StringView path, bool follow = true) const;
    Expected<void, IoError> make_dir(Io& io, StringView path, unsigned mode = 0777) const;
    // Makes every missing directory of path (mkdir -p); an existing directory is success, an
    // existing file where a directory is needed NotDir (or AlreadyExists for the last component).
    Expected<void, IoError> make_path(Io& io, StringView path, unsigned mode = 0777) const;
    // make_path, then open_dir.
    Expected<Dir, IoError> make_open_dir(Io& io, StringView path, unsigned mode = 0777) const;

    Expected<File, IoError> open_file(Io& io, StringView path, const OpenOptions& o = {}) const;
    Expected<File, IoError> create_file(Io& io, StringView path, const CreateOptions& o = {}) const;
    // As open_file / open_dir, but path must resolve inside this directory (see the top).
    Expected<File, IoError> open_file_beneath(Io& io, StringView path, const OpenOptions& o = {}) const;
    Expected<Dir, IoError> open_dir_beneath(Io& io, StringView path) const;

    Expected<Stat, IoError> stat(Io& io) const;
    // follow false: a symlink's own metadata.
    Expected<Stat, IoError> stat_path(Io& io, StringView path, bool follow = true) const;
    // Success if the caller's real ids may access path as asked (faccessat2; follow false needs Linux 5.8).
    Expected<void, IoError> access(Io& io, StringView path, AccessMode m = {}, bool follow = true) const;

    DirIterator iterate() const {
        bool fresh = fresh_;
        fresh_ = false;
        return DirIterator(fd_, !fresh);
    }

    Expected<void, IoError> delete_file(Io& io, StringView path) const;
    // An empty directory (DirNotEmpty otherwise).
    Expected<void, IoError> delete_dir(Io& io, StringView path) const;
    // The file or directory at path with everything under it, symlinks removed and never
    // followed (rm -rf); a path that does not exist is success. Memory: one 4 KiB buffer per
    // level of depth, from rt::alloc (SystemResources when none is left).
    Expected<void, IoError> delete_tree(Io& io, StringView path) const;

    Expected<void, IoError> rename(Io& io, StringView old_path, const Dir& new_dir, StringView new_path,
                                   RenameMode mode = RenameMode::Replace) const;
    Expected<void, IoError> rename(Io& io, StringView old_path, StringView new_path,
                                   RenameMode mode = RenameMode::Replace) const {
        return rename(io, old_path, *this, new_path, mode);
    }
    // A symlink at path that points to target (target is stored as it is, not resolved).
    Expected<void, IoError> sym_link(Io& io, StringView target, StringView path) const;
    // The target of the symlink at path, into buf (NameTooLong rather than a truncated target).
    Expected<StringView, IoError> read_link(Io& io, StringView path, char* buf, size_t n) const;
    // A second name, new_path in new_dir, for the file at old_path (a symlink itself, not followed).
    Expected<void, IoError> hard_link(Io& io, StringView old_path, const Dir& new_dir, StringView new_path) const;

    Expected<void, IoError> set_permissions(Io& io, StringView path, unsigned mode) const;
    // Access and modification times (nsec utime::NOW / utime::OMIT as utimensat takes them).
    Expected<void, IoError> set_times(Io& io, StringView path, sys::Timespec atime, sys::Timespec mtime,
                                      bool follow = true) const;

private:
    static constexpr int AT_CWD = static_cast<int>(sys::at::FDCWD);
    void reset() {
        if (fd_ >= 0) ops::close(fd_);
        fd_ = -1;
    }
    // A directory this API opened (not read yet: at its start, so iterate() needs no seek).
    static Expected<Dir, IoError> opened(Expected<int, IoError> fd) {
        if (!fd) return unexpected(fd.error());
        Dir d(*fd);
        d.fresh_ = true;
        return d;
    }
    int fd_ = -1;
    mutable bool fresh_ = false;
};

} // namespace rt
