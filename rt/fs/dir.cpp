#include "rt/fs/dir.h"

#include "rt/mem/alloc.h"

namespace rt {

namespace {

constexpr long DIR_FLAGS = sys::o::RDONLY | sys::o::DIRECTORY;

long open_flags(const OpenOptions& o) {
    long f = o.mode == OpenOptions::ReadOnly ? sys::o::RDONLY
             : o.mode == OpenOptions::WriteOnly ? sys::o::WRONLY
                                                : sys::o::RDWR;
    if (o.append) f |= sys::o::APPEND;
    if (!o.follow) f |= sys::o::NOFOLLOW;
    if (o.nonblocking) f |= sys::o::NONBLOCK;
    return f;
}

int follow_flag(bool follow) { return follow ? 0 : static_cast<int>(sys::at::SYMLINK_NOFOLLOW); }

// f(the path with its NUL), or the path's own error.
template <class F> auto with_path(StringView path, F f) -> decltype(f("")) {
    detail::PathZ p;
    auto z = p.set(path);
    if (!z) return unexpected(z.error());
    return f(*z);
}
template <class F> auto with_paths(StringView a, StringView b, F f) -> decltype(f("", "")) {
    return with_path(a, [&](const char* za) { return with_path(b, [&](const char* zb) { return f(za, zb); }); });
}
Expected<File, IoError> to_file(Expected<int, IoError> fd) {
    if (!fd) return unexpected(fd.error());
    return File(*fd);
}

} // namespace

Expected<const DirEntry*, IoError> DirIterator::next(Io& io) {
    if (!started_) {
        // From the directory's start, whoever read it before.
        auto r = io.seek(fd_, 0, sys::seek::SET);
        if (!r) return unexpected(r.error());
        started_ = true;
    }
    for (;;) {
        if (pos_ >= end_) {
            auto n = io.read_dir(fd_, buf_, sizeof buf_);
            if (!n) return unexpected(n.error());
            if (*n == 0) return static_cast<const DirEntry*>(nullptr);
            pos_ = 0;
            end_ = static_cast<uint32_t>(*n);
        }
        auto d = reinterpret_cast<const sys::Dirent64*>(buf_ + pos_);
        // The record comes from the kernel; still, never step outside what it filled.
        if (d->reclen < __builtin_offsetof(sys::Dirent64, name) + 1 || d->reclen > end_ - pos_)
            return unexpected(IoError(IoError::Unexpected, Errno::IO));
        pos_ += d->reclen;
        size_t max = d->reclen - __builtin_offsetof(sys::Dirent64, name);
        size_t len = 0;
        while (len < max && d->name[len]) ++len;
        StringView name(d->name, len);
        if (name == "." || name == "..") continue;
        entry_ = DirEntry{name, file_kind_of_dirent(d->type), d->ino};
        return &entry_;
    }
}

Expected<StringView, IoError> Dir::current_path(Io& io, char* buf, size_t n) {
    auto r = io.current_dir(buf, n);
    if (!r) return unexpected(r.error());
    return StringView(buf, *r);
}

Expected<Dir, IoError> Dir::open_dir(Io& io, StringView path, bool follow) const {
    return with_path(path, [&](const char* z) { return opened(io.open(fd_, z, DIR_FLAGS | (follow ? 0 : sys::o::NOFOLLOW), 0)); });
}

Expected<void, IoError> Dir::make_dir(Io& io, StringView path, unsigned mode) const {
    return with_path(path, [&](const char* z) { return io.make_dir(fd_, z, mode); });
}

Expected<void, IoError> Dir::make_path(Io& io, StringView path, unsigned mode) const {
    detail::PathZ p;
    auto z = p.set(path);
    if (!z) return unexpected(z.error());
    // One mkdirat per component, from the first: an existing one is passed over (the next
    // mkdirat says NotDir if it is not a directory), as mkdir -p does.
    char* s = const_cast<char*>(*z);
    size_t n = path.size();
    if (n == 0) return unexpected(IoError(IoError::NotFound, Errno::NOENT)); // as mkdirat("")
    while (n > 1 && s[n - 1] == '/') s[--n] = 0; // "a/b/" is "a/b"
    Expected<void, IoError> last = {};
    for (size_t i = 1; i <= n; ++i) {
        if (i < n && (s[i] != '/' || s[i - 1] == '/')) continue;
        char saved = s[i];
        s[i] = 0;
        last = io.make_dir(fd_, s, mode);
        s[i] = saved;
        if (!last && last.error() != IoError::AlreadyExists) return last;
    }
    if (!last) {
        // The whole path existed: as a directory it is success.
        auto st = io.stat(fd_, s, 0);
        if (!st) return unexpected(st.error());
        if (st->kind != FileKind::Directory) return unexpected(IoError(IoError::AlreadyExists, Errno::EXIST));
    }
    return {};
}

Expected<Dir, IoError> Dir::make_open_dir(Io& io, StringView path, unsigned mode) const {
    auto r = make_path(io, path, mode);
    if (!r) return unexpected(r.error());
    return open_dir(io, path);
}

Expected<File, IoError> Dir::open_file(Io& io, StringView path, const OpenOptions& o) const {
    return with_path(path, [&](const char* z) { return to_file(io.open(fd_, z, open_flags(o), 0)); });
}

Expected<File, IoError> Dir::create_file(Io& io, StringView path, const CreateOptions& o) const {
    return with_path(path, [&](const char* z) {
        long f = (o.read ? sys::o::RDWR : sys::o::WRONLY) | sys::o::CREAT;
        if (o.truncate) f |= sys::o::TRUNC;
        if (o.exclusive) f |= sys::o::EXCL;
        if (o.append) f |= sys::o::APPEND;
        return to_file(io.open(fd_, z, f, o.mode));
    });
}

Expected<File, IoError> Dir::open_file_beneath(Io& io, StringView path, const OpenOptions& o) const {
    return with_path(path, [&](const char* z) { return to_file(io.open_beneath(fd_, z, open_flags(o), 0)); });
}

Expected<Dir, IoError> Dir::open_dir_beneath(Io& io, StringView path) const {
    return with_path(path, [&](const char* z) { return opened(io.open_beneath(fd_, z, DIR_FLAGS, 0)); });
}

Expected<Stat, IoError> Dir::stat(Io& io) const { return io.stat(fd_, "", static_cast<int>(sys::at::EMPTY_PATH)); }

Expected<Stat, IoError> Dir::stat_path(Io& io, StringView path, bool follow) const {
    return with_path(path, [&](const char* z) { return io.stat(fd_, z, follow_flag(follow)); });
}

Expected<void, IoError> Dir::access(Io& io, StringView path, AccessMode m, bool follow) const {
    return with_path(path, [&](const char* z) {
        unsigned mode = (m.read ? sys::access::READ : 0) | (m.write ? sys::access::WRITE : 0) |
                        (m.execute ? sys::access::EXECUTE : 0);
        return io.access(fd_, z, mode, follow_flag(follow));
    });
}

Expected<void, IoError> Dir::delete_file(Io& io, StringView path) const {
    return with_path(path, [&](const char* z) { return io.remove(fd_, z, false); });
}

Expected<void, IoError> Dir::delete_dir(Io& io, StringView path) const {
    return with_path(path, [&](const char* z) { return io.remove(fd_, z, true); });
}

namespace {

// A directory being emptied by delete_tree: its descriptor, its entries, and its name in the
// level above (NAME_MAX 255 bytes and a NUL).
struct TreeLevel {
    int fd;
    DirIterator it;
    char name[256];
};

} // namespace

Expected<void, IoError> Dir::delete_tree(Io& io, StringView path) const {
    detail::PathZ p;
    auto z = p.set(path);
    if (!z) return unexpected(z.error());
    // A file or symlink goes at once; a directory is emptied level by level.
    auto r = io.remove(fd_, *z, false);
    if (r || r.error() == IoError::NotFound) return {};
    if (r.error() != IoError::IsDir && r.error() != IoError::PermissionDenied) return r;
    auto top = io.open(fd_, *z, DIR_FLAGS | sys::o::NOFOLLOW, 0);
    if (!top && top.error() == IoError::NotFound) return {};
    // Not a directory after all: unlinkat's own EPERM (a sticky directory, an immutable file).
    if (!top) return unexpected(top.error() == IoError::NotDir ? r.error() : top.error());

    size_t cap = 8, depth = 0;
    auto levels = static_cast<TreeLevel*>(rt::alloc(cap * sizeof(TreeLevel)));
    if (!levels) {
        io.close(*top);
        return unexpected(IoError(IoError::SystemResources, Errno::NOMEM));
    }
    ::new (&levels[0].it, detail::PlacementTag{}) DirIterator(*top);
    levels[0].fd = *top;
    levels[0].name[0] = 0;
    depth = 1;
    Expected<void, IoError> result = {};
    while (depth > 0) {
        TreeLevel& l = levels[depth - 1];
        auto e = l.it.next(io);
        if (!e) {
            result = unexpected(e.error());
            break;
        }
        if (!*e) {
            // Empty now: remove it from the level above (or the directory delete_tree was given).
            io.close(l.fd);
            --depth;
            auto rm = depth > 0 ? io.remove(levels[depth - 1].fd, l.name, true) : io.remove(fd_, *z, true);
            if (!rm && rm.error() != IoError::NotFound) {
                result = rm;
                break;
            }
            continue;
        }
        const DirEntry& ent = **e;
        if (ent.name.size() >= sizeof l.name) {
            result = unexpected(IoError(IoError::NameTooLong, Errno::NAMETOOLONG));
            break;
        }
        char name[256];
        __builtin_memcpy(name, ent.name.data(), ent.name.size());
        name[ent.name.size()] = 0;
        if (ent.kind != FileKind::Directory) {
            auto rm = io.remove(l.fd, name, false);
            if (rm || rm.error() == IoError::NotFound) continue;
            // Unknown kind (or changed since): a directory is entered below.
            if (rm.error() != IoError::IsDir && rm.error() != IoError::PermissionDenied) {
                result = rm;
                break;
            }
        }
        auto sub = io.open(l.fd, name, DIR_FLAGS | sys::o::NOFOLLOW, 0);
        if (!sub) {
            if (sub.error() == IoError::NotFound) continue;
            result = unexpected(sub.error());
            break;
        }
        if (depth == cap) {
            auto grown = static_cast<TreeLevel*>(rt::realloc(levels, 2 * cap * sizeof(TreeLevel)));
            if (!grown) {
                io.close(*sub);
                result = unexpected(IoError(IoError::SystemResources, Errno::NOMEM));
                break;
            }
            levels = grown; // the levels hold no pointer into themselves: moving them is a copy
            cap *= 2;
        }
        TreeLevel& n = levels[depth++];
        n.fd = *sub;
        ::new (&n.it, detail::PlacementTag{}) DirIterator(*sub);
        __builtin_memcpy(n.name, name, sizeof name);
    }
    while (depth > 0) io.close(levels[--depth].fd);
    rt::free(levels);
    return result;
}

Expected<void, IoError> Dir::rename(Io& io, StringView old_path, const Dir& new_dir, StringView new_path,
                                    RenameMode mode) const {
    return with_paths(old_path, new_path, [&](const char* za, const char* zb) {
        unsigned flags = mode == RenameMode::NoReplace ? sys::rename_flag::NOREPLACE
                         : mode == RenameMode::Exchange ? sys::rename_flag::EXCHANGE
                                                        : 0u;
        return io.rename(fd_, za, new_dir.fd_, zb, flags);
    });
}

Expected<void, IoError> Dir::sym_link(Io& io, StringView target, StringView path) const {
    return with_paths(target, path, [&](const char* za, const char* zb) {
        return io.sym_link(za, fd_, zb);
    });
}

Expected<StringView, IoError> Dir::read_link(Io& io, StringView path, char* buf, size_t n) const {
    return with_path(path, [&](const char* z) -> Expected<StringView, IoError> {
        auto r = io.read_link(fd_, z, buf, n);
        if (!r) return unexpected(r.error());
        return StringView(buf, *r);
    });
}

Expected<void, IoError> Dir::hard_link(Io& io, StringView old_path, const Dir& new_dir, StringView new_path) const {
    return with_paths(old_path, new_path, [&](const char* za, const char* zb) {
        return io.hard_link(fd_, za, new_dir.fd_, zb, false);
    });
}

Expected<void, IoError> Dir::set_permissions(Io& io, StringView path, unsigned mode) const {
    return with_path(path, [&](const char* z) { return io.set_permissions(fd_, z, mode); });
}

Expected<void, IoError> Dir::set_times(Io& io, StringView path, sys::Timespec atime, sys::Timespec mtime,
                                       bool follow) const {
    return with_path(path, [&](const char* z) {
        sys::Timespec t[2] = {atime, mtime};
        return io.set_times(fd_, z, t, follow_flag(follow));
    });
}

} // namespace rt
