// examples/walk DIR: one line per file under DIR (DIR included), its size and path, as
// `find DIR -printf '%s %p\n'` prints them (in another order: subdirectories are walked in
// parallel, each a task of an rt::Group on an rt::Executor). Symlinks are listed, not followed.
// Each task formats its lines into a buffer of its own and writes whole buffers, under a lock.
#include "rt/exec/executor.h"
#include "rt/exec/group.h"
#include "rt/fs/dir.h"
#include "rt/io/format.h"
#include "rt/io/print.h"
#include "rt/mem/alloc.h"
#include "rt/sync/mutex.h"
#include "rt/sys/fd.h"

namespace {

struct Walk {
    Walk(rt::Io& i, rt::Group& g) : io(i), group(g) {}
    rt::Io& io;
    rt::Group& group;
    rt::Mutex out_lock;
    rt::Atomic<int> errors{0};
};

// Lines for stdout, written 16 KiB at a time (on the task's stack: no allocation).
class Out {
public:
    explicit Out(Walk& w) : w_(w) {}
    ~Out() { flush(); }
    void line(uint64_t size, rt::StringView dir, rt::StringView name) {
        if (len_ + 24 + dir.size() + 1 + name.size() + 1 > sizeof buf_) flush();
        if (24 + dir.size() + 1 + name.size() + 1 > sizeof buf_) return; // longer than any path
        len_ += rt::format_to(buf_ + len_, sizeof buf_ - len_, "{} ", size);
        append(dir);
        if (!name.empty()) {
            if (!dir.ends_with("/")) append("/");
            append(name);
        }
        append("\n");
    }
    void flush() {
        if (len_ == 0) return;
        rt::LockGuard<rt::Mutex> g(w_.out_lock);
        for (size_t done = 0; done < len_;) {
            auto n = rt::sys::write(1, buf_ + done, len_ - done);
            if (!n) break;
            done += *n;
        }
        len_ = 0;
    }

private:
    void append(rt::StringView s) {
        __builtin_memcpy(buf_ + len_, s.data(), s.size());
        len_ += s.size();
    }
    Walk& w_;
    size_t len_ = 0;
    char buf_[16384];
};

void fail(Walk& w, rt::StringView path, rt::IoError e) {
    rt::eprint("walk: {}: {}\n", path, e);
    w.errors.fetch_add(1, rt::Order::Relaxed);
}

// `path` (from rt::alloc, freed here) names `dir`; lists its entries, and queues a task for each
// subdirectory.
void walk_dir(Walk& w, rt::Dir dir, char* path, size_t path_len) {
    rt::StringView here(path, path_len);
    Out out_buf(w);
    Out* out = &out_buf;
    rt::DirIterator it = dir.iterate();
    for (;;) {
        auto e = it.next(w.io);
        if (!e) {
            fail(w, here, e.error());
            break;
        }
        if (!*e) break;
        const rt::DirEntry& ent = **e;
        auto st = dir.stat_path(w.io, ent.name, false);
        if (!st) {
            fail(w, here, st.error());
            continue;
        }
        out->line(st->size, here, ent.name);
        if (st->kind != rt::FileKind::Directory) continue;
        auto sub = dir.open_dir(w.io, ent.name, false);
        if (!sub) {
            fail(w, here, sub.error());
            continue;
        }
        size_t sep = here.ends_with("/") ? 0 : 1;
        size_t n = path_len + sep + ent.name.size();
        auto sub_path = static_cast<char*>(rt::alloc(n + 1));
        if (!sub_path) {
            fail(w, here, rt::IoError(rt::IoError::SystemResources, rt::Errno::NOMEM));
            continue;
        }
        __builtin_memcpy(sub_path, path, path_len);
        if (sep) sub_path[path_len] = '/';
        __builtin_memcpy(sub_path + path_len + sep, ent.name.data(), ent.name.size());
        sub_path[n] = 0;
        w.group.async([&w, n, sub_path](rt::Dir&& d) { walk_dir(w, rt::move(d), sub_path, n); }, rt::move(*sub));
    }
    rt::free(path);
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        rt::eprint("usage: walk DIR\n");
        return 2;
    }
    rt::Executor ex;
    rt::StringView root(argv[1]);
    auto dir = rt::Dir::cwd().open_dir(ex, root);
    if (!dir) {
        rt::eprint("walk: {}: {}\n", root, dir.error());
        return 1;
    }
    auto st = dir->stat(ex);
    if (!st) {
        rt::eprint("walk: {}: {}\n", root, st.error());
        return 1;
    }
    rt::print("{} {}\n", st->size, root);
    auto path = static_cast<char*>(rt::alloc(root.size() + 1));
    if (!path) return 1;
    __builtin_memcpy(path, root.data(), root.size());
    path[root.size()] = 0;
    rt::Group group(ex);
    Walk w(ex, group);
    walk_dir(w, rt::move(*dir), path, root.size());
    group.wait();
    return w.errors.load(rt::Order::Relaxed) ? 1 : 0;
}
