// The file-system syscall wrappers of rt/sys/fs.h, each on its success and error paths, in a
// private directory under /tmp that the test removes again.
#include "harness/child.h"
#include "harness/tap.h"
#include "rt/sys/fs.h"
#include "rt/sys/process.h"
#include "rt/sys/random.h"
#include "rt/sys/resource.h"
#include "rt/time/clock.h"

using namespace rt;
using namespace rt::sys;
using rt::test::streq;

namespace {

// A directory of the test's own (mode 0700), open as `fd`; `path` is its absolute name.
struct Scratch {
    char path[96];
    int fd = -1;

    explicit Scratch(const char* what) {
        uint64_t r = 0;
        (void)getrandom(&r, sizeof r, 0);
        format_to(path, sizeof path, "/tmp/bedrock-{}-{}-{:x}", what, getpid(), r & 0xffffffff);
        if (!mkdirat(at::FDCWD, path, 0700)) return;
        auto d = openat(at::FDCWD, path, o::RDONLY | o::DIRECTORY | o::CLOEXEC);
        if (d) fd = *d;
    }
    ~Scratch() {
        if (fd >= 0) {
            remove_all(fd);
            (void)close(fd);
        }
        (void)unlinkat(at::FDCWD, path, at::REMOVEDIR);
    }
    // Everything inside dir (one level of subdirectories is all these cases make).
    static void remove_all(int dir, int depth = 0) {
        alignas(8) char buf[2048];
        for (int rounds = 0; rounds < 1000; ++rounds) {
            // From the start each time: the entries move as others are removed.
            if (!lseek(dir, 0, seek::SET)) break;
            auto n = getdents64(dir, buf, sizeof buf);
            if (!n) break;
            bool removed = false;
            for (size_t off = 0; off < *n;) {
                auto e = reinterpret_cast<Dirent64*>(buf + off);
                off += e->reclen;
                if (streq(e->name, ".") || streq(e->name, "..")) continue;
                if (e->type == dirent_type::DIR && depth < 4) {
                    auto sub = openat(dir, e->name, o::RDONLY | o::DIRECTORY | o::CLOEXEC);
                    if (sub) {
                        remove_all(*sub, depth + 1);
                        (void)close(*sub);
                    }
                    removed |= bool(unlinkat(dir, e->name, at::REMOVEDIR));
                } else {
                    removed |= bool(unlinkat(dir, e->name, 0));
                }
            }
            if (!removed) break;
        }
    }
};

int make_file(int dir, const char* name, const char* text) {
    auto fd = openat(dir, name, o::RDWR | o::CREAT | o::TRUNC | o::CLOEXEC, 0644);
    if (!fd) return -1;
    size_t n = 0;
    while (text[n]) ++n;
    if (n && !write(*fd, text, n)) {
        (void)close(*fd);
        return -1;
    }
    return *fd;
}

size_t read_all(int fd, char* buf, size_t n) {
    size_t got = 0;
    while (got < n) {
        auto r = read(fd, buf + got, n - got);
        if (!r || *r == 0) break;
        got += *r;
    }
    return got;
}

// The error of r, or Errno 0 where it holds a value: a call that should have failed and did
// not shows as E?(0) in the failed check instead of ending the test.
template <class T> Errno error_of(const Expected<T, Errno>& r) { return r ? static_cast<Errno>(0) : r.error(); }

bool same_bytes(const char* a, const char* b, size_t n) {
    for (size_t i = 0; i < n; ++i)
        if (a[i] != b[i]) return false;
    return true;
}

} // namespace

TEST("statx: type, mode, size, links and times of a new file; ENOENT, ENOTDIR, EBADF") {
    Scratch s("statx");
    REQUIRE(s.fd >= 0);
    int64_t before = now(Clock::Realtime) / 1'000'000'000;
    int fd = make_file(s.fd, "f", "hello");
    REQUIRE(fd >= 0);
    REQUIRE(fchmod(fd, 0640));
    Statx st{};
    REQUIRE(statx(s.fd, "f", 0, statx_mask::BASIC_STATS, &st));
    unsigned need = statx_mask::TYPE | statx_mask::MODE | statx_mask::NLINK | statx_mask::SIZE | statx_mask::INO |
                    statx_mask::MTIME;
    CHECK_EQ(st.mask & need, need);
    CHECK_EQ(st.mode, static_cast<uint16_t>(file_type::REG | 0640));
    CHECK_EQ(st.size, 5u);
    CHECK_EQ(st.nlink, 1u);
    CHECK(st.ino != 0);
    CHECK(st.mtime.sec >= before - 2 && st.mtime.sec <= now(Clock::Realtime) / 1'000'000'000 + 2);
    CHECK(st.mtime.nsec < 1'000'000'000u);
    // The open file itself (AT_EMPTY_PATH): the same inode.
    Statx by_fd{};
    REQUIRE(statx(fd, "", at::EMPTY_PATH, statx_mask::INO, &by_fd));
    CHECK_EQ(by_fd.ino, st.ino);
    Statx dir{};
    REQUIRE(statx(at::FDCWD, s.path, 0, statx_mask::TYPE, &dir));
    CHECK_EQ(dir.mode & file_type::MASK, file_type::DIR);
    CHECK_EQ(error_of(statx(s.fd, "missing", 0, statx_mask::BASIC_STATS, &st)), Errno::NOENT);
    CHECK_EQ(error_of(statx(s.fd, "f/below", 0, statx_mask::BASIC_STATS, &st)), Errno::NOTDIR);
    CHECK_EQ(error_of(statx(-1, "", at::EMPTY_PATH, statx_mask::BASIC_STATS, &st)), Errno::BADF);
    (void)close(fd);
}

TEST("getdents64 lists every entry once with its type; a file is ENOTDIR") {
    Scratch s("dents");
    REQUIRE(s.fd >= 0);
    constexpr int FILES = 150; // several reads of a 1 KiB buffer
    for (int i = 0; i < FILES; ++i) {
        char name[16];
        format_to(name, sizeof name, "file{}", i);
        int fd = make_file(s.fd, name, "");
        REQUIRE(fd >= 0);
        (void)close(fd);
    }
    REQUIRE(mkdirat(s.fd, "sub", 0700));
    REQUIRE(symlinkat("file0", s.fd, "link"));
    int seen[FILES] = {};
    int dots = 0, sub = 0, link = 0, other = 0, bad_type = 0, short_record = 0;
    alignas(8) char buf[1024];
    for (;;) {
        auto n = getdents64(s.fd, buf, sizeof buf);
        REQUIRE(n);
        if (*n == 0) break;
        for (size_t off = 0; off < *n;) {
            auto e = reinterpret_cast<Dirent64*>(buf + off);
            size_t len = 0;
            while (e->name[len]) ++len;
            if (e->reclen < __builtin_offsetof(Dirent64, name) + len + 1) ++short_record;
            off += e->reclen;
            if (streq(e->name, ".") || streq(e->name, "..")) {
                ++dots;
                bad_type += e->type != dirent_type::DIR;
            } else if (streq(e->name, "sub")) {
                ++sub;
                bad_type += e->type != dirent_type::DIR;
            } else if (streq(e->name, "link")) {
                ++link;
                bad_type += e->type != dirent_type::LNK;
            } else if (test::starts_with(e->name, "file")) {
                int k = 0;
                for (const char* p = e->name + 4; *p; ++p) k = k * 10 + (*p - '0');
                if (k >= 0 && k < FILES) ++seen[k];
                else ++other;
                bad_type += e->type != dirent_type::REG;
            } else {
                ++other;
            }
        }
    }
    int wrong = 0;
    for (int n : seen) wrong += n != 1;
    CHECK_EQ(wrong, 0);
    CHECK_EQ(dots, 2);
    CHECK_EQ(sub, 1);
    CHECK_EQ(link, 1);
    CHECK_EQ(other, 0);
    CHECK_EQ(bad_type, 0);
    CHECK_EQ(short_record, 0);
    int f = make_file(s.fd, "plain", "");
    REQUIRE(f >= 0);
    CHECK_EQ(error_of(getdents64(f, buf, sizeof buf)), Errno::NOTDIR);
    // A buffer too small for one record.
    auto d = openat(s.fd, "sub", o::RDONLY | o::DIRECTORY | o::CLOEXEC);
    REQUIRE(d);
    CHECK_EQ(error_of(getdents64(*d, buf, 8)), Errno::INVAL);
    (void)close(*d);
    (void)close(f);
}

TEST("fchdir and getcwd: the directory's path; ERANGE for a short buffer") {
    Scratch s("cwd");
    REQUIRE(s.fd >= 0);
    char expect[96];
    format_to(expect, sizeof expect, "{}", s.path);
    auto st = test::in_child([&]() -> int {
        if (!fchdir(s.fd)) return 2;
        char buf[128];
        auto n = getcwd(buf, sizeof buf);
        if (!n) return 3;
        if (!streq(buf, expect)) return 4;
        size_t len = 0;
        while (expect[len]) ++len;
        if (*n != len + 1) return 5; // the length counts the NUL
        if (error_of(getcwd(buf, 4)) != Errno::RANGE) return 6;
        if (error_of(fchdir(-1)) != Errno::BADF) return 7;
        return 0;
    });
    CHECK(st.exited());
    CHECK_EQ(st.exit_code(), 0);
}

TEST("renameat2: a move, NOREPLACE refuses an existing name (EEXIST), EXCHANGE swaps two") {
    Scratch s("rename");
    REQUIRE(s.fd >= 0);
    int a = make_file(s.fd, "a", "AAAA");
    int b = make_file(s.fd, "b", "BB");
    REQUIRE(a >= 0);
    REQUIRE(b >= 0);
    (void)close(a);
    (void)close(b);
    REQUIRE(renameat2(s.fd, "a", s.fd, "c", 0));
    Statx st{};
    CHECK_EQ(error_of(statx(s.fd, "a", 0, statx_mask::SIZE, &st)), Errno::NOENT);
    REQUIRE(statx(s.fd, "c", 0, statx_mask::SIZE, &st));
    CHECK_EQ(st.size, 4u);
    CHECK_EQ(error_of(renameat2(s.fd, "c", s.fd, "b", rename_flag::NOREPLACE)), Errno::EXIST);
    REQUIRE(renameat2(s.fd, "c", s.fd, "b", rename_flag::EXCHANGE));
    REQUIRE(statx(s.fd, "b", 0, statx_mask::SIZE, &st));
    CHECK_EQ(st.size, 4u);
    REQUIRE(statx(s.fd, "c", 0, statx_mask::SIZE, &st));
    CHECK_EQ(st.size, 2u);
    CHECK_EQ(error_of(renameat2(s.fd, "missing", s.fd, "x", 0)), Errno::NOENT);
    CHECK_EQ(error_of(renameat2(s.fd, "b", s.fd, "x", rename_flag::EXCHANGE)), Errno::NOENT);
    CHECK_EQ(error_of(renameat2(s.fd, "b", s.fd, "c", rename_flag::EXCHANGE | rename_flag::NOREPLACE)), Errno::INVAL);
}

TEST("linkat, symlinkat and readlinkat; readlinkat of a file is EINVAL, a short buffer truncates") {
    Scratch s("links");
    REQUIRE(s.fd >= 0);
    int f = make_file(s.fd, "target", "data");
    REQUIRE(f >= 0);
    (void)close(f);
    REQUIRE(linkat(s.fd, "target", s.fd, "hard", 0));
    Statx a{}, b{};
    REQUIRE(statx(s.fd, "target", 0, statx_mask::INO | statx_mask::NLINK, &a));
    REQUIRE(statx(s.fd, "hard", 0, statx_mask::INO | statx_mask::NLINK, &b));
    CHECK_EQ(a.ino, b.ino);
    CHECK_EQ(b.nlink, 2u);
    CHECK_EQ(error_of(linkat(s.fd, "target", s.fd, "hard", 0)), Errno::EXIST);
    REQUIRE(symlinkat("target", s.fd, "soft"));
    char buf[32] = {};
    auto n = readlinkat(s.fd, "soft", buf, sizeof buf);
    REQUIRE(n);
    CHECK_EQ(*n, 6u);
    CHECK(same_bytes(buf, "target", 6));
    char small[3];
    auto t = readlinkat(s.fd, "soft", small, sizeof small);
    REQUIRE(t);
    CHECK_EQ(*t, 3u);
    CHECK(same_bytes(small, "tar", 3));
    CHECK_EQ(error_of(readlinkat(s.fd, "target", buf, sizeof buf)), Errno::INVAL);
    // statx follows the link unless told not to.
    Statx l{};
    REQUIRE(statx(s.fd, "soft", 0, statx_mask::TYPE, &l));
    CHECK_EQ(l.mode & file_type::MASK, file_type::REG);
    REQUIRE(statx(s.fd, "soft", at::SYMLINK_NOFOLLOW, statx_mask::TYPE | statx_mask::SIZE, &l));
    CHECK_EQ(l.mode & file_type::MASK, file_type::LNK);
    CHECK_EQ(l.size, 6u);
    // A dangling link reads back, and is ENOENT to follow.
    REQUIRE(symlinkat("nowhere", s.fd, "dangling"));
    CHECK_EQ(error_of(statx(s.fd, "dangling", 0, statx_mask::TYPE, &l)), Errno::NOENT);
    CHECK_EQ(error_of(symlinkat("x", s.fd, "soft")), Errno::EXIST);
}

TEST("fchmodat, fchmod and faccessat2: modes read back, access follows them, bad bits are EINVAL") {
    Scratch s("mode");
    REQUIRE(s.fd >= 0);
    int f = make_file(s.fd, "f", "x");
    REQUIRE(f >= 0);
    REQUIRE(fchmodat(s.fd, "f", 0751));
    Statx st{};
    REQUIRE(statx(s.fd, "f", 0, statx_mask::MODE, &st));
    CHECK_EQ(st.mode & 07777, 0751);
    REQUIRE(fchmod(f, 0600));
    REQUIRE(statx(s.fd, "f", 0, statx_mask::MODE, &st));
    CHECK_EQ(st.mode & 07777, 0600);
    CHECK(faccessat2(s.fd, "f", 0, 0));
    CHECK(faccessat2(s.fd, "f", access::READ | access::WRITE, 0));
    // No execute bit at all: EACCES even for root.
    CHECK_EQ(error_of(faccessat2(s.fd, "f", access::EXECUTE, 0)), Errno::ACCES);
    if (getuid() != 0) {
        REQUIRE(fchmod(f, 0));
        CHECK_EQ(error_of(faccessat2(s.fd, "f", access::READ, at::EACCESS)), Errno::ACCES);
    }
    CHECK_EQ(error_of(faccessat2(s.fd, "missing", 0, 0)), Errno::NOENT);
    CHECK_EQ(error_of(faccessat2(s.fd, "f", 8, 0)), Errno::INVAL);
    CHECK_EQ(error_of(fchmodat(s.fd, "missing", 0600)), Errno::NOENT);
    CHECK_EQ(error_of(fchmod(-1, 0600)), Errno::BADF);
    (void)close(f);
}

TEST("utimensat sets times to the nanosecond, past 2038 too; OMIT keeps one; NOW is now") {
    Scratch s("times");
    REQUIRE(s.fd >= 0);
    int f = make_file(s.fd, "f", "");
    REQUIRE(f >= 0);
    (void)close(f);
    Timespec t[2] = {{1'000'000'000, 123'456'789}, {1'500'000'000, 987'654'321}};
    REQUIRE(utimensat(s.fd, "f", t, 0));
    Statx st{};
    REQUIRE(statx(s.fd, "f", 0, statx_mask::ATIME | statx_mask::MTIME, &st));
    CHECK_EQ(st.atime.sec, 1'000'000'000);
    CHECK_EQ(st.atime.nsec, 123'456'789u);
    CHECK_EQ(st.mtime.sec, 1'500'000'000);
    CHECK_EQ(st.mtime.nsec, 987'654'321u);
    Timespec keep_a[2] = {{0, utime::OMIT}, {int64_t{1} << 32, 5}}; // 2106: past every 32-bit time_t
    REQUIRE(utimensat(s.fd, "f", keep_a, 0));
    REQUIRE(statx(s.fd, "f", 0, statx_mask::ATIME | statx_mask::MTIME, &st));
    CHECK_EQ(st.atime.sec, 1'000'000'000);
    CHECK_EQ(st.mtime.sec, int64_t{1} << 32);
    int64_t before = now(Clock::Realtime) / 1'000'000'000;
    REQUIRE(utimensat(s.fd, "f", nullptr, 0));
    REQUIRE(statx(s.fd, "f", 0, statx_mask::MTIME, &st));
    CHECK(st.mtime.sec >= before - 2 && st.mtime.sec <= before + 5);
    Timespec bad[2] = {{0, 1'000'000'000}, {0, 0}};
    CHECK_EQ(error_of(utimensat(s.fd, "f", bad, 0)), Errno::INVAL);
    CHECK_EQ(error_of(utimensat(s.fd, "missing", t, 0)), Errno::NOENT);
}

TEST("readv scatters a pipe's bytes in order; preadv and pwritev at offsets past 4 GiB") {
    int p[2];
    REQUIRE(pipe2(p, o::CLOEXEC));
    REQUIRE(write(p[1], "abcdefghij", 10));
    char x[3], y[4], z[8];
    Iovec iov[3] = {{x, 3}, {y, 4}, {z, 8}};
    auto n = readv(p[0], iov, 3);
    REQUIRE(n);
    CHECK_EQ(*n, 10u);
    CHECK(same_bytes(x, "abc", 3));
    CHECK(same_bytes(y, "defg", 4));
    CHECK(same_bytes(z, "hij", 3));
    (void)close(p[0]);
    (void)close(p[1]);

    Scratch s("pos");
    REQUIRE(s.fd >= 0);
    int f = make_file(s.fd, "sparse", "");
    REQUIRE(f >= 0);
    int64_t offs[] = {0, 4095, (int64_t{1} << 32) - 3, (int64_t{5} << 30) + 7};
    bool truncated = false;
    for (int64_t off : offs) {
        char out[8];
        format_to(out, sizeof out, "@{}", static_cast<int>(off & 0xfff));
        Iovec w[2] = {{out, 3}, {out + 3, 2}};
        auto wn = pwritev(f, w, 2, off);
        REQUIRE(wn);
        CHECK_EQ(*wn, 5u);
        Statx st{};
        REQUIRE(statx(f, "", at::EMPTY_PATH, statx_mask::SIZE, &st));
        if (off > 0xffffffff && st.size < static_cast<uint64_t>(off) && test::under_emulator()) truncated = true;
        char in[5] = {};
        Iovec r[1] = {{in, 5}};
        auto rn = preadv(f, r, 1, off);
        REQUIRE(rn);
        CHECK_EQ(*rn, 5u);
        CHECK(same_bytes(in, out, 5));
    }
    if (truncated) {
        // QEMU 7.2 runs n32 and sparc (qemu-sparc32plus) with 64-bit target registers and joins
        // pos_l and pos_h by that width, as a 64-bit kernel's native entry would: the high half
        // is dropped (measured: a write at 5 GiB + 7 lands at 1 GiB + 7; -1 is 4 GiB - 1). The
        // kernel's compat entry for these 32-bit ABIs joins two 32-bit halves; natively and on
        // the mipsn32el kernel this must pass.
        test::skip("the emulator truncated the 64-bit offset to 32 bits");
    } else {
        Statx st{};
        REQUIRE(statx(f, "", at::EMPTY_PATH, statx_mask::SIZE, &st));
        CHECK_EQ(st.size, static_cast<uint64_t>((int64_t{5} << 30) + 12));
        char c;
        Iovec one[1] = {{&c, 1}};
        CHECK_EQ(error_of(preadv(f, one, 1, -1)), Errno::INVAL);
        CHECK_EQ(error_of(preadv(-1, one, 1, 0)), Errno::BADF);
    }
    (void)close(f);
}

TEST("fsync and fdatasync a file; a pipe is EINVAL") {
    Scratch s("sync");
    REQUIRE(s.fd >= 0);
    int f = make_file(s.fd, "f", "durable");
    REQUIRE(f >= 0);
    CHECK(fsync(f));
    CHECK(fdatasync(f));
    CHECK(fsync(s.fd));
    int p[2];
    REQUIRE(pipe2(p, o::CLOEXEC));
    CHECK_EQ(error_of(fsync(p[0])), Errno::INVAL);
    CHECK_EQ(error_of(fdatasync(p[1])), Errno::INVAL);
    CHECK_EQ(error_of(fsync(-1)), Errno::BADF);
    (void)close(p[0]);
    (void)close(p[1]);
    (void)close(f);
}

TEST("copy_file_range copies a file in the kernel, from offsets or the positions") {
    Scratch s("copy");
    REQUIRE(s.fd >= 0);
    static char data[100'000];
    for (size_t i = 0; i < sizeof data; ++i) data[i] = static_cast<char>('a' + (i * 7) % 26);
    auto in = openat(s.fd, "in", o::RDWR | o::CREAT | o::CLOEXEC, 0600);
    REQUIRE(in);
    size_t put = 0;
    while (put < sizeof data) {
        auto w = write(*in, data + put, sizeof data - put);
        REQUIRE(w);
        put += *w;
    }
    auto out = openat(s.fd, "out", o::RDWR | o::CREAT | o::CLOEXEC, 0600);
    REQUIRE(out);
    int64_t from = 0, to = 0;
    size_t copied = 0;
    while (copied < sizeof data) {
        auto c = copy_file_range(*in, &from, *out, &to, sizeof data - copied);
        REQUIRE(c);
        if (*c == 0) break;
        copied += *c;
    }
    CHECK_EQ(copied, sizeof data);
    CHECK_EQ(from, static_cast<int64_t>(sizeof data));
    static char back[sizeof data];
    REQUIRE(lseek(*out, 0, seek::SET));
    CHECK_EQ(read_all(*out, back, sizeof back), sizeof data);
    CHECK(same_bytes(back, data, sizeof data));
    // Null offsets: the files' positions (in's is at its end: nothing more to copy).
    auto c = copy_file_range(*in, nullptr, *out, nullptr, 10);
    REQUIRE(c);
    CHECK_EQ(*c, 0u);
    REQUIRE(lseek(*in, 0, seek::SET));
    c = copy_file_range(*in, nullptr, *out, nullptr, 10);
    REQUIRE(c);
    CHECK_EQ(*c, 10u);
    auto pos = lseek(*in, 0, seek::CUR);
    CHECK(pos && *pos == 10);
    CHECK_EQ(error_of(copy_file_range(*in, nullptr, *out, nullptr, 1, 1)), Errno::INVAL); // flags must be 0
    CHECK_EQ(error_of(copy_file_range(-1, nullptr, *out, nullptr, 1)), Errno::BADF);
    (void)close(*in);
    (void)close(*out);
}

TEST("openat2 with RESOLVE_BENEATH opens inside and refuses .., absolute paths and escaping symlinks") {
    Scratch s("beneath");
    REQUIRE(s.fd >= 0);
    REQUIRE(mkdirat(s.fd, "in", 0700));
    int f = make_file(s.fd, "in/file", "inside");
    REQUIRE(f >= 0);
    (void)close(f);
    REQUIRE(symlinkat("/", s.fd, "in/root"));
    REQUIRE(symlinkat("../..", s.fd, "in/up"));
    REQUIRE(symlinkat("file", s.fd, "in/near"));
    auto dir = openat(s.fd, "in", o::RDONLY | o::DIRECTORY | o::CLOEXEC);
    REQUIRE(dir);
    OpenHow how{o::RDONLY | o::CLOEXEC, 0, resolve::BENEATH | resolve::NO_MAGICLINKS};
    auto in = openat2(*dir, "file", how);
    if (!in && in.error() == Errno::NOSYS && test::under_emulator()) {
        test::skip("QEMU 7.2 user mode has no openat2 (linux-user/syscall.c); the real kernels run it");
    } else {
        REQUIRE(in);
        char buf[8] = {};
        CHECK_EQ(read_all(*in, buf, sizeof buf), 6u);
        CHECK(same_bytes(buf, "inside", 6));
        (void)close(*in);
        auto near = openat2(*dir, "near", how);
        CHECK(near);
        if (near) (void)close(*near);
        CHECK_EQ(error_of(openat2(*dir, "../in/file", how)), Errno::XDEV);
        CHECK_EQ(error_of(openat2(*dir, "/etc", how)), Errno::XDEV);
        CHECK_EQ(error_of(openat2(*dir, "root/etc", how)), Errno::XDEV);
        CHECK_EQ(error_of(openat2(*dir, "up", how)), Errno::XDEV);
        CHECK_EQ(error_of(openat2(*dir, "missing", how)), Errno::NOENT);
        // Unknown flag bits are refused, not ignored as openat ignores them.
        OpenHow bad{o::RDONLY, 0, uint64_t{1} << 40};
        CHECK_EQ(error_of(openat2(*dir, "file", bad)), Errno::INVAL);
        OpenHow mode_without_creat{o::RDONLY, 0600, 0};
        CHECK_EQ(error_of(openat2(*dir, "file", mode_without_creat)), Errno::INVAL);
        // The magic links of /proc are refused by NO_MAGICLINKS (a path beneath /proc/self).
        auto proc = openat(at::FDCWD, "/proc/self", o::RDONLY | o::DIRECTORY | o::CLOEXEC);
        if (proc) {
            OpenHow magic{o::RDONLY | o::CLOEXEC, 0, resolve::NO_MAGICLINKS};
            CHECK_EQ(error_of(openat2(*proc, "exe", magic)), Errno::LOOP);
            (void)close(*proc);
        }
    }
    (void)close(*dir);
}
