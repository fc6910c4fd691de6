// rt::Io's files and directories (rt/fs/file.h, rt/fs/dir.h): each operation's success and error
// paths, a tree of 2 000 files, open_beneath's refusals, copies with and without
// copy_file_range, and cancellation of a task blocked on a FIFO or a pipe. Every case that
// does not need workers runs its body twice: on rt::InlineIo, and inside a task of an
// rt::Executor (where the streaming calls are cancel points). Each case works in a private
// directory under /tmp and checks that the process's descriptor count (/proc/self/fd) is back
// where it was, error paths included.
#include "harness/io.h"
#include "harness/tap.h"
#include "rt/exec/executor.h"
#include "rt/exec/group.h"
#include "rt/exec/inline_io.h"
#include "rt/fs/dir.h"
#include "rt/sys/process.h"
#include "rt/sys/random.h"
#include "rt/time/clock.h"

using namespace rt;
using namespace rt::test;

TEST("files: create, write_all, read, positional transfers, seek, stat, set_length past 4 GiB, sync") {
    on_both([](Io& io) {
        int fds = fd_count();
        {
            Scratch s(io, "file");
            REQUIRE(s.dir.is_open());
            auto f = s.dir.create_file(io, "a.txt", {.read = true, .mode = 0640});
            REQUIRE(f);
            REQUIRE(f->write_all(io, "hello, world\n"));
            CHECK_EQ(*f->position(io), 13u);
            CHECK_EQ(*f->seek_to(io, 7), 7u);
            char buf[32] = {};
            auto n = f->read(io, buf, sizeof buf);
            REQUIRE(n);
            CHECK(StringView(buf, *n) == "world\n");
            CHECK_EQ(*f->read(io, buf, sizeof buf), 0u); // the end
            CHECK_EQ(*f->seek_by(io, -6), 7u);
            CHECK_EQ(*f->seek_from_end(io, -1), 12u);
            REQUIRE(f->write_at(io, "HELLO", 5, 0));
            CHECK_EQ(*f->position(io), 12u); // positional transfers leave the position
            n = f->read_at(io, buf, 5, 0);
            CHECK(n && StringView(buf, *n) == "HELLO");
            CHECK_EQ(*f->read_at(io, buf, 5, 100), 0u);
            auto st = f->stat(io);
            REQUIRE(st);
            CHECK(st->kind == FileKind::File);
            CHECK_EQ(st->size, 13u);
            CHECK_EQ(st->permissions, 0640u);
            CHECK_EQ(st->nlink, 1u);
            CHECK(st->inode != 0);
            // A length past 4 GiB: both halves of ftruncate64's pair on the 32-bit ABIs.
            constexpr uint64_t BIG = (uint64_t{5} << 30) + 3;
            REQUIRE(f->set_length(io, BIG));
            uint64_t got = f->stat(io)->size;
            if (got == (BIG & 0xffffffff) && test::under_emulator()) {
                // QEMU 7.2 keeps n32's syscall arguments in 32 bits (README, emulator
                // deviations): the length's high half is lost there. The mipsn32el kernel run
                // passes it in the one 64-bit register the kernel reads.
                test::skip("the emulator truncated ftruncate's 64-bit length to 32 bits (n32)");
            } else {
                CHECK_EQ(got, BIG);
                CHECK_EQ(*f->seek_from_end(io, 0), BIG);
            }
            REQUIRE(f->set_length(io, 5));
            CHECK_EQ(f->stat(io)->size, 5u);
            CHECK_EQ(err(f->set_length(io, ~uint64_t{0})), IoError::FileTooBig);
            CHECK_EQ(err(f->seek_to(io, ~uint64_t{0})), IoError::InvalidArgument);
            CHECK(f->sync(io));
            CHECK(f->datasync(io));
            CHECK_EQ(*f->read_all(io, buf, sizeof buf), 0u); // the position (12) is past the end now
            CHECK_EQ(*f->seek_to(io, 0), 0u);
            n = f->read_all(io, buf, sizeof buf);
            CHECK(n && StringView(buf, *n) == "HELLO");
            // Open modes and their refusals.
            auto ro = s.dir.open_file(io, "a.txt");
            REQUIRE(ro);
            CHECK_EQ(err(ro->write(io, "x", 1)), IoError::BadDescriptor);
            auto wo = s.dir.open_file(io, "a.txt", {.mode = OpenOptions::WriteOnly, .append = true});
            REQUIRE(wo);
            CHECK_EQ(err(wo->read(io, buf, 1)), IoError::BadDescriptor);
            REQUIRE(wo->write_all(io, "!"));
            CHECK_EQ(ro->stat(io)->size, 6u); // appended
            CHECK_EQ(err(s.dir.create_file(io, "a.txt", {.exclusive = true})), IoError::AlreadyExists);
            CHECK_EQ(err(s.dir.open_file(io, "missing")), IoError::NotFound);
            CHECK_EQ(err(s.dir.open_file(io, "a.txt/below")), IoError::NotDir);
            REQUIRE(s.dir.make_dir(io, "d"));
            CHECK_EQ(err(s.dir.open_file(io, "d", {.mode = OpenOptions::ReadWrite})), IoError::IsDir);
            CHECK_EQ(err(s.dir.create_file(io, StringView("nul\0name", 8))), IoError::InvalidPath);
            static char longp[PATH_MAX + 1];
            for (char& c : longp) c = 'a';
            CHECK_EQ(err(s.dir.open_file(io, StringView(longp, PATH_MAX))), IoError::NameTooLong);
            CHECK_EQ(err(s.dir.open_file(io, StringView(longp, 300))), IoError::NameTooLong); // a component > 255
            CHECK_EQ(err(s.dir.open_file(io, "")), IoError::NotFound);
            // A symlink as the last component with follow = false.
            REQUIRE(s.dir.sym_link(io, "a.txt", "ln"));
            CHECK_EQ(err(s.dir.open_file(io, "ln", {.follow = false})), IoError::SymlinkLoop);
            CHECK(s.dir.open_file(io, "ln"));
            // A pipe has no positions.
            int p[2];
            REQUIRE(sys::pipe2(p, sys::o::CLOEXEC));
            File r(p[0]), w(p[1]);
            CHECK_EQ(err(r.read_at(io, buf, 1, 0)), IoError::NotSeekable);
            CHECK_EQ(err(r.seek_to(io, 0)), IoError::NotSeekable);
        }
        CHECK_EQ(fd_count(), fds);
    });
}

TEST("directories: make_path, make_open_dir, delete_dir/file, rename modes, links, permissions, times, access") {
    on_both([](Io& io) {
        int fds = fd_count();
        {
            Scratch s(io, "dir");
            REQUIRE(s.dir.is_open());
            REQUIRE(s.dir.make_path(io, "a/b//c/d/"));
            CHECK(s.dir.stat_path(io, "a/b/c/d")->kind == FileKind::Directory);
            CHECK(s.dir.make_path(io, "a/b/c")); // existing: success
            CHECK_EQ(err(s.dir.make_dir(io, "a")), IoError::AlreadyExists);
            REQUIRE(s.dir.create_file(io, "a/file"));
            CHECK_EQ(err(s.dir.make_path(io, "a/file")), IoError::AlreadyExists);
            CHECK_EQ(err(s.dir.make_path(io, "a/file/x/y")), IoError::NotDir);
            CHECK_EQ(err(s.dir.make_path(io, "")), IoError::NotFound);
            auto sub = s.dir.make_open_dir(io, "x/y");
            REQUIRE(sub);
            REQUIRE(sub->create_file(io, "inner"));
            CHECK(s.dir.stat_path(io, "x/y/inner")->kind == FileKind::File);
            CHECK(sub->stat(io)->kind == FileKind::Directory);
            CHECK_EQ(err(s.dir.open_dir(io, "a/file")), IoError::NotDir);
            CHECK_EQ(err(s.dir.delete_dir(io, "x")), IoError::DirNotEmpty);
            CHECK_EQ(err(s.dir.delete_file(io, "x")), IoError::IsDir);
            CHECK_EQ(err(s.dir.delete_dir(io, "a/file")), IoError::NotDir);
            CHECK_EQ(err(s.dir.delete_file(io, "nothing")), IoError::NotFound);
            REQUIRE(sub->delete_file(io, "inner"));
            REQUIRE(s.dir.delete_dir(io, "x/y"));
            // rename: replace, no-replace, exchange.
            auto f1 = s.dir.create_file(io, "one");
            auto f2 = s.dir.create_file(io, "two");
            REQUIRE(f1 && f2);
            REQUIRE(f1->write_all(io, "1"));
            REQUIRE(f2->write_all(io, "22"));
            CHECK_EQ(err(s.dir.rename(io, "one", "two", RenameMode::NoReplace)), IoError::AlreadyExists);
            REQUIRE(s.dir.rename(io, "one", "two", RenameMode::Exchange));
            CHECK_EQ(s.dir.stat_path(io, "one")->size, 2u);
            CHECK_EQ(s.dir.stat_path(io, "two")->size, 1u);
            REQUIRE(s.dir.rename(io, "one", "three", RenameMode::NoReplace));
            auto a = s.dir.open_dir(io, "a");
            REQUIRE(a);
            REQUIRE(s.dir.rename(io, "three", *a, "moved"));
            CHECK_EQ(a->stat_path(io, "moved")->size, 2u);
            CHECK_EQ(err(s.dir.rename(io, "three", "four")), IoError::NotFound);
            CHECK_EQ(err(s.dir.rename(io, "two", "four", RenameMode::Exchange)), IoError::NotFound);
            // Symlinks and hard links.
            REQUIRE(s.dir.sym_link(io, "two", "sl"));
            char buf[16];
            auto t = s.dir.read_link(io, "sl", buf, sizeof buf);
            CHECK(t && *t == "two");
            CHECK_EQ(err(s.dir.read_link(io, "sl", buf, 3)), IoError::NameTooLong); // never truncated
            CHECK_EQ(err(s.dir.read_link(io, "two", buf, sizeof buf)), IoError::InvalidArgument);
            CHECK(s.dir.stat_path(io, "sl", false)->kind == FileKind::SymLink);
            CHECK(s.dir.stat_path(io, "sl")->kind == FileKind::File);
            REQUIRE(s.dir.sym_link(io, "nowhere", "dangling"));
            CHECK_EQ(err(s.dir.stat_path(io, "dangling")), IoError::NotFound);
            CHECK_EQ(err(s.dir.sym_link(io, "x", "sl")), IoError::AlreadyExists);
            REQUIRE(s.dir.hard_link(io, "two", s.dir, "two-again"));
            CHECK_EQ(s.dir.stat_path(io, "two")->nlink, 2u);
            CHECK_EQ(s.dir.stat_path(io, "two-again")->inode, s.dir.stat_path(io, "two")->inode);
            CHECK_EQ(err(s.dir.hard_link(io, "a", s.dir, "dirlink")), IoError::PermissionDenied);
            // Permissions, times, access.
            REQUIRE(s.dir.set_permissions(io, "two", 0604));
            CHECK_EQ(s.dir.stat_path(io, "two")->permissions, 0604u);
            auto two = s.dir.open_file(io, "two"); // f2's file is "a/moved" since the exchange
            REQUIRE(two);
            REQUIRE(two->set_permissions(io, 0600));
            CHECK_EQ(s.dir.stat_path(io, "two")->permissions, 0600u);
            REQUIRE(s.dir.set_times(io, "two", {1000000000, 5}, {1234567890, 123456789}));
            auto st = s.dir.stat_path(io, "two");
            REQUIRE(st);
            CHECK_EQ(st->atime.sec, 1000000000);
            CHECK_EQ(st->mtime.sec, 1234567890);
            CHECK_EQ(st->mtime.nsec, 123456789);
            REQUIRE(two->set_times(io, {0, sys::utime::OMIT}, {86400, 0}));
            CHECK_EQ(s.dir.stat_path(io, "two")->mtime.sec, 86400);
            CHECK_EQ(s.dir.stat_path(io, "two")->atime.sec, 1000000000);
            CHECK(s.dir.access(io, "two"));
            CHECK(s.dir.access(io, "two", {.read = true, .write = true}));
            CHECK_EQ(err(s.dir.access(io, "missing")), IoError::NotFound);
            CHECK(s.dir.access(io, "dangling", {}, false)); // the link itself exists
            // No execute bit at all: refused even to root (CAP_DAC_OVERRIDE needs one x bit).
            REQUIRE(s.dir.set_permissions(io, "two", 0644));
            CHECK_EQ(err(s.dir.access(io, "two", {.execute = true})), IoError::AccessDenied);
            CHECK_EQ(err(s.dir.set_permissions(io, "missing", 0600)), IoError::NotFound);
            // The current directory.
            char cwd[PATH_MAX];
            auto here = Dir::current_path(io, cwd, sizeof cwd);
            REQUIRE(here);
            CHECK(here->size() > 0 && (*here)[0] == '/');
            CHECK_EQ(Dir::cwd().stat(io)->inode, Dir::cwd().stat_path(io, *here)->inode);
            CHECK_EQ(err(Dir::current_path(io, cwd, 1)), IoError::NameTooLong);
        }
        CHECK_EQ(fd_count(), fds);
    });
}

TEST("iterate: every entry once with its kind, from the start each time, no . or ..") {
    on_both([](Io& io) {
        Scratch s(io, "iter");
        REQUIRE(s.dir.is_open());
        constexpr int FILES = 300; // several getdents64 calls of the 4 KiB buffer
        for (int i = 0; i < FILES; ++i) {
            char name[40];
            format_to(name, sizeof name, "file-with-a-longer-name-{}", i);
            REQUIRE(s.dir.create_file(io, name));
        }
        REQUIRE(s.dir.make_dir(io, "sub"));
        REQUIRE(s.dir.sym_link(io, "sub", "link"));
        for (int round = 0; round < 2; ++round) {
            int seen[FILES] = {};
            int sub = 0, link = 0, other = 0, bad_kind = 0;
            DirIterator it = s.dir.iterate();
            for (;;) {
                auto e = it.next(io);
                REQUIRE(e);
                if (!*e) break;
                const DirEntry& d = **e;
                if (d.name == "sub") {
                    ++sub;
                    bad_kind += d.kind != FileKind::Directory && d.kind != FileKind::Unknown;
                } else if (d.name == "link") {
                    ++link;
                    bad_kind += d.kind != FileKind::SymLink && d.kind != FileKind::Unknown;
                } else if (d.name.starts_with("file-with-a-longer-name-")) {
                    int k = 0;
                    for (char c : d.name.substr(24)) k = k * 10 + (c - '0');
                    if (k >= 0 && k < FILES) ++seen[k];
                    bad_kind += d.kind != FileKind::File && d.kind != FileKind::Unknown;
                } else {
                    ++other;
                }
                CHECK(d.inode != 0);
            }
            int wrong = 0;
            for (int n : seen) wrong += n != 1;
            CHECK_EQ(wrong, 0);
            CHECK_EQ(sub, 1);
            CHECK_EQ(link, 1);
            CHECK_EQ(other, 0);
            CHECK_EQ(bad_kind, 0);
        }
        auto f = s.dir.open_dir(io, "sub");
        REQUIRE(f);
        DirIterator empty = f->iterate();
        auto e = empty.next(io);
        CHECK(e && *e == nullptr);
    });
}

namespace {

// Sums entries and sizes under d, recursively (a test of iterate and stat on a tree).
void walk(Io& io, const Dir& d, int& files, int& dirs, uint64_t& bytes, int depth = 0) {
    DirIterator it = d.iterate();
    for (;;) {
        auto e = it.next(io);
        if (!CHECK(e) || !*e) return;
        if ((*e)->kind == FileKind::Directory) {
            ++dirs;
            auto sub = d.open_dir(io, (*e)->name);
            if (!CHECK(sub)) return;
            if (depth < 8) walk(io, *sub, files, dirs, bytes, depth + 1);
        } else {
            ++files;
            auto st = d.stat_path(io, (*e)->name, false);
            if (!CHECK(st)) return;
            bytes += st->size;
        }
    }
}

} // namespace

TEST("a tree of 2000 files: made, walked, renamed, deleted with delete_tree") {
    on_both([](Io& io) {
        int fds = fd_count();
        {
            Scratch s(io, "tree");
            REQUIRE(s.dir.is_open());
            uint64_t expect_bytes = 0;
            for (int i = 0; i < 2000; ++i) {
                char path[64];
                format_to(path, sizeof path, "top/d{}/e{}/f{}", i % 10, (i / 10) % 10, i);
                // The directories of the path, then the file with i % 97 bytes.
                StringView p(path);
                size_t slash = 0;
                for (size_t k = 0; k < p.size(); ++k)
                    if (p[k] == '/') slash = k;
                REQUIRE(s.dir.make_path(io, p.substr(0, slash)));
                auto f = s.dir.create_file(io, p, {.exclusive = true});
                REQUIRE(f);
                char data[97] = {};
                REQUIRE(f->write_all(io, data, static_cast<size_t>(i % 97)));
                expect_bytes += static_cast<uint64_t>(i % 97);
            }
            REQUIRE(s.dir.sym_link(io, "/", "top/d0/escape")); // delete_tree must not follow it
            int files = 0, dirs = 0;
            uint64_t bytes = 0;
            auto top = s.dir.open_dir(io, "top");
            REQUIRE(top);
            walk(io, *top, files, dirs, bytes);
            CHECK_EQ(files, 2001);
            CHECK_EQ(dirs, 110);
            CHECK_EQ(bytes, expect_bytes + 1);
            top->close(io);
            REQUIRE(s.dir.rename(io, "top", "renamed"));
            CHECK_EQ(err(s.dir.stat_path(io, "top")), IoError::NotFound);
            REQUIRE(s.dir.delete_tree(io, "renamed"));
            CHECK_EQ(err(s.dir.stat_path(io, "renamed")), IoError::NotFound);
            CHECK(s.dir.delete_tree(io, "renamed")); // nothing there: success
            CHECK(Dir::cwd().stat_path(io, "/")); // the symlink's target untouched
            // A single file, and a symlink to a directory: removed themselves, never followed.
            REQUIRE(s.dir.make_path(io, "keep/inner"));
            REQUIRE(s.dir.sym_link(io, "keep", "to-keep"));
            REQUIRE(s.dir.delete_tree(io, "to-keep"));
            CHECK(s.dir.stat_path(io, "keep/inner"));
            REQUIRE(s.dir.create_file(io, "lone"));
            REQUIRE(s.dir.delete_tree(io, "lone"));
            CHECK_EQ(err(s.dir.stat_path(io, "lone")), IoError::NotFound);
            CHECK_EQ(err(s.dir.delete_tree(io, StringView("a\0b", 3))), IoError::InvalidPath);
        }
        CHECK_EQ(fd_count(), fds);
    });
}

TEST("open_beneath: inside opens; .., absolute paths and symlinks out are PathEscapes; magic links refused") {
    on_both([](Io& io) {
        int fds = fd_count();
        {
            Scratch s(io, "beneath");
            REQUIRE(s.dir.is_open());
            REQUIRE(s.dir.make_path(io, "jail/sub"));
            REQUIRE(s.dir.create_file(io, "jail/sub/ok"));
            REQUIRE(s.dir.create_file(io, "secret"));
            auto jail = s.dir.open_dir(io, "jail");
            REQUIRE(jail);
            auto probe = jail->open_file_beneath(io, "sub/ok");
            if (!probe && probe.error() == IoError::Unsupported && test::under_emulator()) {
                // QEMU 7.2 has no openat2: the named error, never an unrestricted open. The
                // refusals run on the real kernels (scripts/kernel).
                CHECK_EQ(err(jail->open_file_beneath(io, "../secret")), IoError::Unsupported);
                test::skip("QEMU 7.2 user mode has no openat2 (ENOSYS); checked on the real kernels");
                return;
            }
            REQUIRE(probe);
            REQUIRE(jail->sym_link(io, "../../secret", "sub/up"));
            REQUIRE(jail->sym_link(io, "/tmp", "abs"));
            REQUIRE(jail->sym_link(io, "sub/ok", "fine"));
            CHECK(jail->open_file_beneath(io, "sub/../sub/ok"));
            CHECK(jail->open_file_beneath(io, "fine"));
            CHECK(jail->open_dir_beneath(io, "sub"));
            CHECK_EQ(err(jail->open_file_beneath(io, "../secret")), IoError::PathEscapes);
            CHECK_EQ(err(jail->open_file_beneath(io, "sub/../../secret")), IoError::PathEscapes);
            CHECK_EQ(err(jail->open_file_beneath(io, "sub/up")), IoError::PathEscapes);
            CHECK_EQ(err(jail->open_dir_beneath(io, "abs")), IoError::PathEscapes);
            CHECK_EQ(err(jail->open_file_beneath(io, "/etc/passwd")), IoError::PathEscapes);
            CHECK_EQ(err(jail->open_dir_beneath(io, "..")), IoError::PathEscapes);
            CHECK_EQ(err(jail->open_file_beneath(io, "missing")), IoError::NotFound);
            // /proc's magic links (here: /proc/self/cwd under a dir of /proc) are refused even inside.
            auto proc = Dir::cwd().open_dir(io, "/proc/self");
            REQUIRE(proc);
            CHECK_EQ(err(proc->open_dir_beneath(io, "cwd")), IoError::SymlinkLoop);
        }
        CHECK_EQ(fd_count(), fds);
    });
}

TEST("copy: copy_file_range between files, the read/write fallback from a pipe, /proc/self/exe") {
    on_both([](Io& io) {
        int fds = fd_count();
        {
            Scratch s(io, "copy");
            REQUIRE(s.dir.is_open());
            auto src = s.dir.create_file(io, "src", {.read = true});
            REQUIRE(src);
            static char data[200000];
            for (size_t i = 0; i < sizeof data; ++i) data[i] = static_cast<char>(i * 7 + i / 251);
            REQUIRE(src->write_all(io, data, sizeof data));
            REQUIRE(src->seek_to(io, 0));
            auto dst = s.dir.create_file(io, "dst", {.read = true});
            REQUIRE(dst);
            CHECK_EQ(*src->copy_to(io, *dst, 1u << 30), sizeof data); // fewer: the end
            CHECK_EQ(*dst->position(io), sizeof data);
            static char back[sizeof data];
            CHECK_EQ(*dst->read_at(io, back, sizeof back, 0), sizeof back);
            CHECK(__builtin_memcmp(back, data, sizeof data) == 0);
            // Between offsets: the positions stay.
            CHECK_EQ(*src->copy_range_to(io, 1000, *dst, 5, 10), 10u);
            CHECK_EQ(*dst->read_at(io, back, 10, 5), 10u);
            CHECK(__builtin_memcmp(back, data + 1000, 10) == 0);
            CHECK_EQ(*dst->position(io), sizeof data);
            // From a pipe, which copy_file_range refuses (EINVAL): the buffer loop.
            int p[2];
            REQUIRE(sys::pipe2(p, sys::o::CLOEXEC));
            File r(p[0]);
            {
                File w(p[1]);
                REQUIRE(w.write_all(io, "through the pipe"));
            }
            auto out = s.dir.create_file(io, "from-pipe", {.read = true});
            REQUIRE(out);
            CHECK_EQ(*r.copy_to(io, *out, 1000), 16u);
            char text[32];
            auto n = out->read_at(io, text, sizeof text, 0);
            CHECK(n && StringView(text, *n) == "through the pipe");
            auto ro = s.dir.open_file(io, "src");
            REQUIRE(ro);
            CHECK_EQ(err(src->copy_range_to(io, 0, *ro, 0, 10)), IoError::BadDescriptor); // not open for writing
            // The running executable.
            auto exe = File::open_self_exe(io);
            REQUIRE(exe);
            char magic[4];
            CHECK_EQ(*exe->read_all(io, magic, 4), 4u);
            CHECK(magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F');
            CHECK(exe->stat(io)->size > 4096);
        }
        CHECK_EQ(fd_count(), fds);
    });
}

TEST("cancel: a task blocked reading an empty FIFO or pipe, or writing a full pipe, ends with Canceled") {
    int fds = fd_count();
    {
        InlineIo inl;
        Scratch s(inl, "cancel");
        REQUIRE(s.dir.is_open());
        REQUIRE(sys::mknodat(s.dir.handle(), "fifo", sys::file_type::FIFO | 0600, 0));
        // Read and write ends both held here, so the reads wait (no end of file).
        auto fifo = s.dir.open_file(inl, "fifo", {.mode = OpenOptions::ReadWrite});
        REQUIRE(fifo);
        int p[2];
        REQUIRE(sys::pipe2(p, sys::o::CLOEXEC));
        File pr(p[0]), pw(p[1]);
        int full[2];
        REQUIRE(sys::pipe2(full, sys::o::CLOEXEC));
        File fr(full[0]), fw(full[1]);
        // Writes until the pipe is full (64 KiB by default, 1 MiB with 64 KiB pages), nobody
        // reading: then the write blocks.
        static char chunk[1 << 16];
        Executor ex;
        for (int which = 0; which < 3; ++which) {
            File& f = which == 0 ? *fifo : which == 1 ? pr : fw;
            auto task = ex.concurrent([&]() -> Expected<size_t, IoError> {
                char buf[16];
                if (which == 2) {
                    for (;;) {
                        auto w = f.write_all(ex, chunk, sizeof chunk);
                        if (!w) return unexpected(w.error());
                    }
                }
                return f.read(ex, buf, sizeof buf);
            });
            REQUIRE(task);
            // Let it block (it would block forever), then cancel.
            (void)ex.sleep(Duration::milliseconds(50));
            CHECK(!task->done());
            int64_t t0 = now(Clock::Monotonic);
            auto r = task->cancel();
            int64_t waited = now(Clock::Monotonic) - t0;
            CHECK_EQ(err(r), IoError::Canceled);
            CHECK(!r && r.error() == Errno::CANCELED);
            CHECK(waited < 5'000'000'000); // promptly: not after some other timeout
        }
    }
    CHECK_EQ(fd_count(), fds);
}

TEST("Io tasks: async, concurrent, select, Group, now and sleep on InlineIo and Executor") {
    auto body = [](Io& io, bool inline_io) {
        auto a = io.async([](int x) { return x * 2; }, 21);
        CHECK_EQ(a.await(), 42);
        auto c = io.concurrent([] { return 7; });
        if (inline_io) {
            CHECK(!c && c.error() == ConcurrentError::ConcurrencyUnavailable);
        } else {
            REQUIRE(c);
            CHECK_EQ(c->await(), 7);
        }
        auto x = io.async([] { return 1; });
        auto y = io.async([] { return 2; });
        auto first = select(x, y);
        REQUIRE(first);
        CHECK(*first <= 1);
        CHECK_EQ(x.await() + y.await(), 3);
        Atomic<int> sum{0};
        {
            Group g(io);
            for (int i = 1; i <= 10; ++i) g.async([&sum, i] { sum.fetch_add(i, Order::Relaxed); });
            auto gc = g.concurrent([] {});
            CHECK(inline_io ? !gc : bool(gc));
            g.wait();
        }
        CHECK_EQ(sum.load(Order::Relaxed), 55);
        int64_t t0 = io.now(Clock::Monotonic);
        REQUIRE(io.sleep(Duration::milliseconds(20)));
        CHECK(io.now(Clock::Monotonic) - t0 >= 20'000'000);
    };
    InlineIo inl;
    body(inl, true);
    Executor ex;
    body(ex, false);
}
