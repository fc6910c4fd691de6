// Helpers of the rt::Io tests (fs_test, proc_test): the process's descriptor count, a private
// scratch directory, running one body on both Io implementations, and an error to compare.
#pragma once

#include "harness/tap.h"
#include "rt/exec/executor.h"
#include "rt/exec/inline_io.h"
#include "rt/fs/dir.h"
#include "rt/sys/fs.h"
#include "rt/sys/process.h"
#include "rt/sys/random.h"

namespace rt::test {

// The error of r, or Unexpected with errno 0 where it holds a value (shown as such in a failed check).
template <class T> IoError err(const Expected<T, IoError>& r) {
    return r ? IoError(IoError::Unexpected, Errno{}) : r.error();
}

// Open descriptors of this process (the entries of /proc/self/fd, the one reading it excluded).
inline int fd_count() {
    auto fd = sys::openat(sys::at::FDCWD, "/proc/self/fd", sys::o::RDONLY | sys::o::DIRECTORY | sys::o::CLOEXEC);
    if (!fd) return -1;
    int n = 0;
    alignas(8) char buf[2048];
    for (;;) {
        auto got = sys::getdents64(*fd, buf, sizeof buf);
        if (!got || *got == 0) break;
        for (size_t off = 0; off < *got;) {
            auto e = reinterpret_cast<const sys::Dirent64*>(buf + off);
            off += e->reclen;
            if (e->name[0] != '.') ++n;
        }
    }
    (void)sys::close(*fd);
    return n - 1;
}

// A private directory (0700), removed with everything in it at the end: under /dev/shm where
// there is one (a tmpfs: the tests measure bedrock, not the disk), else under /tmp (a tmpfs on
// the real-kernel runs). `exec`: a directory whose files are executed, always under /tmp
// (/dev/shm is mounted noexec on many systems).
struct Scratch {
    char path[96];
    Dir dir;
    Scratch(Io& io, const char* what, bool exec = false) {
        uint64_t r = 0;
        (void)sys::getrandom(&r, sizeof r, 0);
        const char* bases[] = {"/dev/shm", "/tmp"};
        for (int i = exec ? 1 : 0; i < 2; ++i) {
            const char* base = bases[i];
            format_to(path, sizeof path, "{}/bedrock-{}-{}-{:x}", base, what, sys::getpid(), r & 0xffffffff);
            if (auto d = Dir::cwd().make_open_dir(io, path, 0700)) {
                dir = move(*d);
                return;
            }
        }
    }
    ~Scratch() {
        InlineIo io;
        dir.close(io);
        (void)Dir::cwd().delete_tree(io, path);
    }
};

// Runs body(io) on an InlineIo, then inside a task of an Executor (a worker thread, where the
// blocking calls are cancel points); a failure says which.
template <class F> void on_both(F body) {
    {
        InlineIo io;
        body(static_cast<Io&>(io));
    }
    if (current_failed()) {
        print("# the failures above are on rt::InlineIo\n");
        return;
    }
    Executor ex;
    auto f = ex.concurrent([&] { body(static_cast<Io&>(ex)); });
    if (!CHECK(f)) return;
    f->await();
    if (current_failed()) print("# the failures above are in an rt::Executor task\n");
}

} // namespace rt::test
