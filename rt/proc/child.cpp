#include "rt/proc/child.h"

#include "rt/core/checked.h"
#include "rt/mem/alloc.h"
#include "rt/sys/fd.h"
#include "rt/sys/process.h"
#include "rt/sys/process_info.h"

namespace rt {

namespace {

// The descriptors spawn made for the child: closed in this process once it has started (or failed).
struct ChildEnds {
    int fds[4] = {-1, -1, -1, -1}; // up to three pipe ends and /dev/null
    int n = 0;
    ~ChildEnds() {
        for (int i = 0; i < n; ++i) ops::close(fds[i]);
    }
    void add(int fd) { fds[n++] = fd; }
};

// "NAME=value" entries: whether a and b name the same variable.
bool same_name(const char* a, const char* b) {
    for (;; ++a, ++b) {
        if (*a == '=' || *a == 0) return *b == '=' || *b == 0;
        if (*a != *b) return false;
    }
}

// The environment of `base` with `add` put in (replacing entries of the same names), as one
// null-terminated array from rt::alloc; null when it cannot be had.
const char** merge_env(const char* const* base, const char* const* add) {
    size_t nb = 0, na = 0;
    while (base && base[nb]) ++nb;
    while (add[na]) ++na;
    size_t total = 0;
    if (!checked_add(nb, na, &total) || !checked_add(total, size_t{1}, &total)) return nullptr;
    size_t bytes = 0;
    if (!checked_mul(total, sizeof(const char*), &bytes)) return nullptr;
    auto out = static_cast<const char**>(rt::alloc(bytes));
    if (!out) return nullptr;
    size_t k = 0;
    for (size_t i = 0; i < nb; ++i) {
        bool replaced = false;
        for (size_t j = 0; j < na && !replaced; ++j) replaced = same_name(base[i], add[j]);
        if (!replaced) out[k++] = base[i];
    }
    for (size_t j = 0; j < na; ++j) {
        bool later = false; // the last of several adds of one name wins
        for (size_t m = j + 1; m < na && !later; ++m) later = same_name(add[j], add[m]);
        if (!later) out[k++] = add[j];
    }
    out[k] = nullptr;
    return out;
}

} // namespace

Expected<Child, IoError> Child::spawn(Io& io, const Command& c) {
    if (!c.argv || !c.argv[0]) return unexpected(IoError(IoError::InvalidArgument, Errno::INVAL));
    ops::SpawnRequest req{};
    req.program = c.program ? c.program : c.argv[0];
    req.search_path = c.search_path ? c.search_path : rt::getenv("PATH");
    req.argv = c.argv;
    req.dir_fd = -1;
    req.dir_path = nullptr;
    if (c.cwd && c.cwd->handle() >= 0) req.dir_fd = c.cwd->handle();

    Child child;
    ChildEnds ends;
    int null_fd = -1;
    const Stdio* stdio[3] = {&c.in, &c.out, &c.err};
    File* parent_end[3] = {&child.in, &child.out, &child.err};
    for (int i = 0; i < 3; ++i) {
        switch (stdio[i]->kind) {
        case Stdio::Inherit: req.stdio[i] = ops::STDIO_INHERIT; break;
        case Stdio::Close: req.stdio[i] = ops::STDIO_CLOSE; break;
        case Stdio::Null:
            if (null_fd < 0) {
                auto fd = io.open(static_cast<int>(sys::at::FDCWD), "/dev/null", sys::o::RDWR, 0);
                if (!fd) return unexpected(fd.error());
                null_fd = *fd;
                ends.add(null_fd);
            }
            req.stdio[i] = null_fd;
            break;
        case Stdio::Pipe: {
            int p[2];
            auto r = sys::pipe2(p, sys::o::CLOEXEC);
            if (!r) return unexpected(io_error(r.error()));
            // stdin: the child reads, this process writes; stdout, stderr: the other way.
            int mine = i == 0 ? p[1] : p[0], theirs = i == 0 ? p[0] : p[1];
            *parent_end[i] = File(mine);
            ends.add(theirs);
            req.stdio[i] = theirs;
            break;
        }
        case Stdio::Fd:
            if (stdio[i]->fd < 0) return unexpected(IoError(IoError::BadDescriptor, Errno::BADF));
            req.stdio[i] = stdio[i]->fd;
            break;
        }
    }

    const char* const* base = c.env ? c.env : process().envp;
    const char** merged = nullptr;
    if (c.env_add) {
        merged = merge_env(base, c.env_add);
        if (!merged) return unexpected(IoError(IoError::SystemResources, Errno::NOMEM));
    }
    req.envp = merged ? merged : base;
    auto s = io.spawn(req);
    rt::free(merged);
    if (!s) return unexpected(s.error()); // the parent's pipe ends close with `child`
    child.pid_ = s->pid;
    child.pidfd_ = s->pidfd;
    return child;
}

Child::Child(Child&& o) : in(move(o.in)), out(move(o.out)), err(move(o.err)), pid_(o.pid_), pidfd_(o.pidfd_) {
    o.pid_ = -1;
    o.pidfd_ = -1;
}

Child& Child::operator=(Child&& o) {
    if (this != &o) {
        release();
        in = move(o.in);
        out = move(o.out);
        err = move(o.err);
        pid_ = o.pid_;
        pidfd_ = o.pidfd_;
        o.pid_ = -1;
        o.pidfd_ = -1;
    }
    return *this;
}

Child::~Child() { release(); }

void Child::release() {
    if (pid_ > 0) {
        // Not waited for: the program is stopped and reaped here, not left as a zombie or orphan.
        (void)ops::kill(pid_, pidfd_, static_cast<int>(sys::sig::KILL));
        for (;;) {
            auto r = sys::wait4(pid_, nullptr, 0);
            if (r || r.error() != Errno::INTR) break;
        }
    }
    if (pidfd_ >= 0) ops::close(pidfd_);
    pid_ = -1;
    pidfd_ = -1;
}

Expected<ExitStatus, IoError> Child::wait_for(Io& io, Duration d) {
    if (pid_ <= 0) return unexpected(IoError(IoError::InvalidArgument, Errno::CHILD));
    in.close(io);
    auto r = io.wait_child(pid_, pidfd_, d);
    if (r) {
        pid_ = -1; // reaped
        if (pidfd_ >= 0) io.close(pidfd_);
        pidfd_ = -1;
    }
    return r;
}

Expected<void, IoError> Child::kill(Io& io, int sig) {
    if (pid_ <= 0) return unexpected(IoError(IoError::InvalidArgument, Errno::SRCH));
    return io.kill_child(pid_, pidfd_, sig);
}

} // namespace rt
