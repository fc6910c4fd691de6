// Every rt/sys wrapper: a success path and an error path with the errno the kernel defines.
#include "harness/child.h"
#include "harness/seccomp.h"
#include "harness/tap.h"
#include "rt/core/panic.h"
#include "rt/start/process.h"
#include "rt/sys/fd.h"
#include "rt/sys/fs.h"
#include "rt/sys/futex.h"
#include "rt/sys/mem.h"
#include "rt/sys/mount.h"
#include "rt/sys/poll.h"
#include "rt/sys/process.h"
#include "rt/sys/random.h"
#include "rt/sys/resource.h"
#include "rt/sys/sched.h"
#include "rt/sys/signal.h"
#include "rt/sys/system.h"
#include "rt/sys/time.h"

using namespace rt;
using namespace rt::sys;
using rt::test::in_child;

namespace {

bool streq(const char* a, const char* b) {
    while (*a && *a == *b) ++a, ++b;
    return *a == *b;
}



} // namespace

TEST("write and read through a pipe") {
    int fds[2];
    REQUIRE(pipe2(fds, o::CLOEXEC));
    auto w = write(fds[1], "hello", 5);
    REQUIRE(w);
    CHECK_EQ(*w, 5u);
    char buf[8] = {};
    auto r = read(fds[0], buf, sizeof buf);
    REQUIRE(r);
    CHECK_EQ(*r, 5u);
    CHECK(streq(buf, "hello"));
    CHECK(close(fds[0]));
    CHECK(close(fds[1]));
}

TEST("writev gathers buffers in order") {
    int fds[2];
    REQUIRE(pipe2(fds, 0));
    Iovec iov[3] = {{"ab", 2}, {"", 0}, {"cde", 3}};
    auto w = writev(fds[1], iov, 3);
    REQUIRE(w);
    CHECK_EQ(*w, 5u);
    char buf[8] = {};
    auto r = read(fds[0], buf, sizeof buf);
    CHECK(r && *r == 5);
    CHECK(streq(buf, "abcde"));
    CHECK_EQ(writev(fds[1], iov, -1).error(), Errno::INVAL);
    (void)close(fds[0]);
    (void)close(fds[1]);
}

TEST("read, write and writev on a bad descriptor fail with EBADF") {
    char c;
    CHECK_EQ(read(-1, &c, 1).error(), Errno::BADF);
    CHECK_EQ(write(9999, &c, 1).error(), Errno::BADF);
    Iovec iov{&c, 1};
    CHECK_EQ(writev(-1, &iov, 1).error(), Errno::BADF);
}

TEST("close(-1) fails with EBADF") { CHECK_EQ(close(-1).error(), Errno::BADF); }

TEST("openat of a missing path fails with ENOENT") {
    CHECK_EQ(openat(at::FDCWD, "/nonexistent/bedrock/file", o::RDONLY).error(), Errno::NOENT);
}

TEST("openat, write, lseek, read back and unlink a file") {
    char path[64];
    format_to(path, sizeof path, "/tmp/bedrock-sys-test-{}", getpid());
    auto fd = openat(at::FDCWD, path, o::RDWR | o::CREAT | o::TRUNC | o::CLOEXEC, 0600);
    REQUIRE(fd);
    CHECK(write(*fd, "0123456789", 10));
    auto end = lseek(*fd, 0, seek::END);
    CHECK(end && *end == 10);
    auto pos = lseek(*fd, 3, seek::SET);
    CHECK(pos && *pos == 3);
    char buf[4] = {};
    auto r = read(*fd, buf, 3);
    CHECK(r && *r == 3);
    CHECK(streq(buf, "345"));
    auto cur = lseek(*fd, 0, seek::CUR);
    CHECK(cur && *cur == 6);
    CHECK_EQ(lseek(*fd, -100, seek::SET).error(), Errno::INVAL);
    CHECK(close(*fd));
    CHECK(unlinkat(at::FDCWD, path, 0));
    CHECK_EQ(unlinkat(at::FDCWD, path, 0).error(), Errno::NOENT);
}

TEST("lseek beyond 4 GiB keeps all 64 bits") {
    char path[64];
    format_to(path, sizeof path, "/tmp/bedrock-sys-big-{}", getpid());
    auto fd = openat(at::FDCWD, path, o::RDWR | o::CREAT | o::TRUNC, 0600);
    REQUIRE(fd);
    int64_t far = (int64_t{5} << 30) + 7; // a sparse offset past 2^32
    auto p = lseek(*fd, far, seek::SET);
    if (p && *p == (far & 0xffffffff) && test::under_emulator()) {
        // QEMU 7.2 keeps n32's syscall arguments in 32 bits (its abi_long), while the kernel's
        // n32 lseek takes a 64-bit off_t in one register. Natively this must pass.
        test::skip("the emulator truncated the 64-bit offset to 32 bits");
    } else {
        CHECK(p && *p == far);
    }
    (void)close(*fd);
    (void)unlinkat(at::FDCWD, path, 0);
}

TEST("lseek on a pipe fails with ESPIPE") {
    int fds[2];
    REQUIRE(pipe2(fds, 0));
    CHECK_EQ(lseek(fds[0], 0, seek::SET).error(), Errno::SPIPE);
    (void)close(fds[0]);
    (void)close(fds[1]);
}

TEST("mmap anonymous memory, use it, munmap it") {
    size_t len = 4 * page_size();
    auto m = mmap(nullptr, len, prot::READ | prot::WRITE, map::PRIVATE | map::ANONYMOUS);
    REQUIRE(m);
    auto p = static_cast<unsigned char*>(*m);
    CHECK((reinterpret_cast<uintptr_t>(p) & (page_size() - 1)) == 0);
    CHECK_EQ(p[0], 0); // anonymous memory starts zeroed
    for (size_t i = 0; i < len; i += 97) p[i] = static_cast<unsigned char>(i);
    bool same = true;
    for (size_t i = 0; i < len; i += 97) same &= p[i] == static_cast<unsigned char>(i);
    CHECK(same);
    CHECK(munmap(*m, len));
}

TEST("mmap of an absurd length fails with ENOMEM") {
    auto m = mmap(nullptr, ~size_t{0} - 8 * page_size() + 1, prot::READ, map::PRIVATE | map::ANONYMOUS);
    CHECK_EQ(m.error(), Errno::NOMEM);
}

TEST("mmap with an unaligned file offset fails with EINVAL") {
    CHECK_EQ(mmap(nullptr, page_size(), prot::READ, map::PRIVATE | map::ANONYMOUS, -1, 1).error(), Errno::INVAL);
}

TEST("munmap, mprotect and madvise of an unaligned address fail with EINVAL") {
    auto m = mmap(nullptr, page_size(), prot::READ | prot::WRITE, map::PRIVATE | map::ANONYMOUS);
    REQUIRE(m);
    auto odd = static_cast<char*>(*m) + 1;
    CHECK_EQ(munmap(odd, 16).error(), Errno::INVAL);
    CHECK_EQ(mprotect(odd, 16, prot::READ).error(), Errno::INVAL);
    CHECK_EQ(madvise(odd, 16, madv::DONTNEED).error(), Errno::INVAL);
    CHECK(munmap(*m, page_size()));
}

TEST("mprotect to read-only, then a write kills a child with SIGSEGV") {
    auto m = mmap(nullptr, page_size(), prot::READ | prot::WRITE, map::PRIVATE | map::ANONYMOUS);
    REQUIRE(m);
    REQUIRE(mprotect(*m, page_size(), prot::READ));
    auto st = in_child([&] {
        *static_cast<volatile char*>(*m) = 1;
        return 0;
    });
    CHECK(st.signaled());
    CHECK_EQ(st.term_signal(), static_cast<int>(sig::SEGV));
    (void)munmap(*m, page_size());
}

TEST("madvise DONTNEED gives back zeroed private pages") {
    auto m = mmap(nullptr, page_size(), prot::READ | prot::WRITE, map::PRIVATE | map::ANONYMOUS);
    REQUIRE(m);
    auto p = static_cast<volatile char*>(*m);
    p[10] = 42;
    REQUIRE(madvise(*m, page_size(), madv::DONTNEED));
    CHECK_EQ(static_cast<int>(p[10]), 0);
    (void)munmap(*m, page_size());
}

TEST("getpid and gettid agree in the main thread") {
    CHECK(getpid() > 0);
    CHECK_EQ(gettid(), getpid());
}

TEST("set_tid_address returns the caller's tid") {
    static int word;
    CHECK_EQ(set_tid_address(&word), gettid());
    (void)set_tid_address(nullptr);
}

TEST("kill and tgkill with signal 0 probe, bad signals fail with EINVAL") {
    CHECK(kill(getpid(), 0));
    CHECK(tgkill(getpid(), gettid(), 0));
    CHECK_EQ(kill(getpid(), 1000).error(), Errno::INVAL);
    CHECK_EQ(tgkill(getpid(), gettid(), -1).error(), Errno::INVAL);
    CHECK_EQ(tgkill(getpid(), 0x3fffffff, 0).error(), Errno::SRCH);
}

namespace {
volatile int g_signal_seen;
void on_signal(int sig) { g_signal_seen = sig; }
} // namespace

TEST("rt_sigaction installs a handler that tgkill reaches and returns from") {
    SigSet none{};
    KernelSigaction old{};
    REQUIRE(sigaction(sig::USR1, reinterpret_cast<void*>(&on_signal), 0, none, &old));
    g_signal_seen = 0;
    REQUIRE(tgkill(getpid(), gettid(), sig::USR1));
    CHECK_EQ(g_signal_seen, static_cast<int>(sig::USR1));
    KernelSigaction cur{};
    REQUIRE(rt_sigaction(sig::USR1, nullptr, &cur));
    CHECK(cur.handler == reinterpret_cast<void*>(&on_signal));
    CHECK(rt_sigaction(sig::USR1, &old, nullptr));
}

namespace {
volatile int g_info_signo;
volatile int g_info_code;
void on_siginfo(int sig, void* info, void* ucontext) {
    // siginfo starts with si_signo on every ABI; si_code is the third int except on mips,
    // where it is the second (asm-generic/siginfo.h, arch/mips/include/uapi/asm/siginfo.h).
    auto words = static_cast<const int*>(info);
    g_info_signo = words[0] == sig && ucontext != nullptr ? sig : -1;
    g_info_code = words[1] == -6 || words[2] == -6 ? -6 : 0; // SI_TKILL
}
} // namespace

TEST("an SA_SIGINFO handler gets the siginfo and context, and returns") {
    SigSet none{};
    KernelSigaction old{};
    REQUIRE(sigaction(sig::USR1, reinterpret_cast<void*>(&on_siginfo), sa::SIGINFO, none, &old));
    g_info_signo = 0;
    g_info_code = 0;
    REQUIRE(tgkill(getpid(), gettid(), sig::USR1));
    CHECK_EQ(g_info_signo, static_cast<int>(sig::USR1));
    CHECK_EQ(g_info_code, -6);
    CHECK(rt_sigaction(sig::USR1, &old, nullptr));
}

TEST("rt_sigaction on SIGKILL or signal 0 fails with EINVAL") {
    KernelSigaction act{};
    CHECK_EQ(rt_sigaction(sig::KILL, &act, nullptr).error(), Errno::INVAL);
    CHECK_EQ(rt_sigaction(0, &act, nullptr).error(), Errno::INVAL);
}

TEST("rt_sigprocmask holds a signal pending until unblocked") {
    SigSet none{};
    REQUIRE(sigaction(sig::USR2, reinterpret_cast<void*>(&on_signal), 0, none));
    SigSet block{}, old{};
    sigset_add(block, sig::USR2);
    REQUIRE(rt_sigprocmask(sig::BLOCK, &block, &old));
    g_signal_seen = 0;
    REQUIRE(tgkill(getpid(), gettid(), sig::USR2));
    CHECK_EQ(g_signal_seen, 0);
    SigSet cur{};
    REQUIRE(rt_sigprocmask(sig::BLOCK, nullptr, &cur));
    CHECK(sigset_has(cur, sig::USR2));
    REQUIRE(rt_sigprocmask(sig::SETMASK, &old, nullptr));
    CHECK_EQ(g_signal_seen, static_cast<int>(sig::USR2));
    CHECK_EQ(rt_sigprocmask(12345, &block, nullptr).error(), Errno::INVAL);
}

TEST("sigaltstack installs, reports and disables an alternate stack") {
    static char stack[64 * 1024];
    KernelStack ss{};
    ss.sp = stack;
    ss.size = sizeof stack;
    ss.flags = 0;
    REQUIRE(sigaltstack(&ss, nullptr));
    KernelStack cur{};
    REQUIRE(sigaltstack(nullptr, &cur));
    CHECK(cur.sp == stack);
    CHECK_EQ(cur.size, sizeof stack);
    KernelStack off{};
    off.flags = ss::DISABLE;
    CHECK(sigaltstack(&off, nullptr));
    KernelStack tiny{};
    tiny.sp = stack;
    tiny.size = 16;
    CHECK_EQ(sigaltstack(&tiny, nullptr).error(), Errno::NOMEM);
}

TEST("sched_yield succeeds") { CHECK(sched_yield()); }

TEST("sched_getaffinity reports at least one CPU; a too-small mask fails with EINVAL") {
    unsigned long mask[128] = {};
    auto n = sched_getaffinity(0, sizeof mask, mask);
    REQUIRE(n);
    CHECK(*n > 0 && *n <= sizeof mask);
    int cpus = 0;
    for (unsigned long w : mask)
        for (; w; w &= w - 1) ++cpus;
    CHECK(cpus >= 1);
    char one;
    CHECK_EQ(sched_getaffinity(0, 1, &one).error(), Errno::INVAL);
}

TEST("prctl sets and gets the thread name; an unknown option fails with EINVAL") {
    REQUIRE(prctl(pr::SET_NAME, reinterpret_cast<unsigned long>("bedrock-test")));
    char name[16] = {};
    REQUIRE(prctl(pr::GET_NAME, reinterpret_cast<unsigned long>(name)));
    CHECK(streq(name, "bedrock-test"));
    CHECK_EQ(prctl(0x7fff1234).error(), Errno::INVAL);
}

TEST("futex wait with a stale value fails with EAGAIN") {
    uint32_t word = 1;
    CHECK_EQ(futex_wait(&word, 2).error(), Errno::AGAIN);
}

TEST("futex wait times out with ETIMEDOUT") {
    uint32_t word = 0;
    Timespec t{0, 2'000'000};
    auto before = clock_gettime(clock::MONOTONIC);
    CHECK_EQ(futex_wait(&word, 0, &t).error(), Errno::TIMEDOUT);
    auto after = clock_gettime(clock::MONOTONIC);
    REQUIRE(before && after);
    int64_t ns = (after->sec - before->sec) * 1'000'000'000 + (after->nsec - before->nsec);
    CHECK(ns >= 2'000'000);
}

TEST("futex wake with no waiters wakes none; a bad op fails with ENOSYS") {
    uint32_t word = 0;
    auto n = futex_wake(&word, 1);
    CHECK(n && *n == 0);
    CHECK_EQ(futex(&word, 127, 0).error(), Errno::NOSYS);
    Timespec bad{0, 2'000'000'000};
    CHECK_EQ(futex_wait(&word, 0, &bad).error(), Errno::INVAL);
}

TEST("clock_gettime: monotonic never goes back, realtime is after 2020") {
    auto a = clock_gettime(clock::MONOTONIC);
    auto b = clock_gettime(clock::MONOTONIC);
    REQUIRE(a && b);
    CHECK(b->sec > a->sec || (b->sec == a->sec && b->nsec >= a->nsec));
    CHECK(a->nsec >= 0 && a->nsec < 1'000'000'000);
    auto r = clock_gettime(clock::REALTIME);
    REQUIRE(r);
    CHECK(r->sec > 1577836800); // 2020-01-01
    CHECK(clock_gettime(clock::BOOTTIME));
    CHECK(clock_gettime(clock::PROCESS_CPUTIME_ID));
    CHECK_EQ(clock_gettime(12345).error(), Errno::INVAL);
}

TEST("clock_nanosleep sleeps relative and absolute; bad input fails with EINVAL") {
    auto a = clock_gettime(clock::MONOTONIC);
    REQUIRE(a);
    CHECK(clock_nanosleep(clock::MONOTONIC, 0, Timespec{0, 1'000'000}));
    Timespec until{a->sec, a->nsec + 3'000'000};
    if (until.nsec >= 1'000'000'000) until.sec += 1, until.nsec -= 1'000'000'000;
    CHECK(clock_nanosleep(clock::MONOTONIC, clock::ABSTIME, until));
    auto b = clock_gettime(clock::MONOTONIC);
    REQUIRE(b);
    CHECK(b->sec > until.sec || (b->sec == until.sec && b->nsec >= until.nsec));
    CHECK_EQ(clock_nanosleep(clock::MONOTONIC, 0, Timespec{0, -1}).error(), Errno::INVAL);
    CHECK_EQ(clock_nanosleep(clock::MONOTONIC, 0, Timespec{0, 1'000'000'000}).error(), Errno::INVAL);
}

TEST("getrandom fills buffers that differ; bad flags fail with EINVAL") {
    unsigned char a[32] = {}, b[32] = {};
    auto n = getrandom(a, sizeof a);
    REQUIRE(n);
    CHECK_EQ(*n, sizeof a);
    REQUIRE(getrandom(b, sizeof b));
    bool differ = false;
    for (int i = 0; i < 32; ++i) differ |= a[i] != b[i];
    CHECK(differ);
    CHECK_EQ(getrandom(a, 1, 0x40000000u).error(), Errno::INVAL);
}

TEST("uname says Linux") {
    Utsname u{};
    REQUIRE(uname(&u));
    CHECK(streq(u.sysname, "Linux"));
    CHECK(u.machine[0] != 0);
    CHECK(u.release[0] >= '1' && u.release[0] <= '9');
}

TEST("clone makes a child whose exit code wait4 reports") {
    auto st = in_child([] { return 7; });
    CHECK(st.exited());
    CHECK_EQ(st.exit_code(), 7);
}

TEST("exit ends the calling (only) thread of a child with its code") {
    auto st = in_child([]() -> int { sys::exit(5); });
    CHECK(st.exited());
    CHECK_EQ(st.exit_code(), 5);
}

TEST("a child killed by a signal is reported as signaled") {
    auto st = in_child([] {
        (void)kill(getpid(), sig::TERM);
        return 0;
    });
    CHECK(st.signaled());
    CHECK_EQ(st.term_signal(), static_cast<int>(sig::TERM));
}

TEST("wait4 with no children fails with ECHILD; WNOHANG on a running child returns 0") {
    WaitStatus st{};
    CHECK_EQ(wait4(-1, &st).error(), Errno::CHILD);
    int fds[2];
    REQUIRE(pipe2(fds, 0));
    auto pid = sys::clone(sig::CHLD);
    REQUIRE(pid);
    if (*pid == 0) {
        char c;
        (void)read(fds[0], &c, 1); // until the parent lets go
        exit_group(0);
    }
    auto w = wait4(*pid, &st, wait::NOHANG);
    CHECK(w && *w == 0);
    (void)write(fds[1], "x", 1);
    w = wait4(*pid, &st);
    CHECK(w && *w == *pid);
    (void)close(fds[0]);
    (void)close(fds[1]);
}

TEST("execve runs another program in a child; a missing one fails with ENOENT") {
    const char* const envp[] = {nullptr};
    const char* const missing_argv[] = {"nothing", nullptr};
    CHECK_EQ(execve("/nonexistent/bedrock", missing_argv, envp).error(), Errno::NOENT);
    auto st = in_child([&] {
        // This test's own binary (the harness exits with the code it is given): the one program
        // an initramfs of bedrock binaries is sure to hold. QEMU user mode cannot exec a binary
        // of the guest's ABI (without binfmt_misc the host kernel runs it), so under QEMU the
        // host's shell is the other program.
        if (!test::under_emulator()) {
            const char* const argv[] = {"sys_test", "--exit-with", "3", nullptr};
            auto r = execve("/proc/self/exe", argv, envp);
            return 100 + static_cast<int>(r.error());
        }
        const char* const argv[] = {"sh", "-c", "exit 3", nullptr};
        auto r = execve("/bin/sh", argv, envp);
        return 100 + static_cast<int>(r.error());
    });
    CHECK(st.exited());
    CHECK_EQ(st.exit_code(), 3);
}

TEST("dup3 duplicates onto a chosen descriptor; a bad one fails with EBADF") {
    int fds[2];
    REQUIRE(pipe2(fds, 0));
    auto d = dup3(fds[1], 100, o::CLOEXEC);
    REQUIRE(d);
    CHECK_EQ(*d, 100);
    CHECK(write(100, "z", 1));
    char c = 0;
    CHECK(read(fds[0], &c, 1) && c == 'z');
    CHECK_EQ(dup3(-1, 101, 0).error(), Errno::BADF);
    CHECK_EQ(dup3(fds[1], fds[1], 0).error(), Errno::INVAL);
    (void)close(100);
    (void)close(fds[0]);
    (void)close(fds[1]);
}

TEST("panic prints its message on stderr and dies of SIGABRT") {
    int fds[2];
    REQUIRE(pipe2(fds, 0));
    auto st = in_child([&]() -> int {
        (void)dup3(fds[1], 2, 0);
        // Even a program that ignores SIGABRT dies of it.
        SigSet none{};
        (void)sigaction(sig::ABRT, reinterpret_cast<void*>(1) /* SIG_IGN */, 0, none);
        rt::panic("the test's deliberate panic");
    });
    (void)close(fds[1]);
    CHECK(st.signaled());
    CHECK_EQ(st.term_signal(), static_cast<int>(sig::ABRT));
    char buf[128] = {};
    size_t got = 0;
    while (got < sizeof buf - 1) {
        auto r = read(fds[0], buf + got, sizeof buf - 1 - got);
        if (!r || *r == 0) break;
        got += *r;
    }
    // QEMU reports the fatal signal on the same stderr after the panic's line.
    const char want[] = "panic: the test's deliberate panic\n";
    bool same = got >= sizeof want - 1;
    for (size_t i = 0; same && i < sizeof want - 1; ++i) same = buf[i] == want[i];
    if (!CHECK(same)) rt::print("# stderr was: {}\n", static_cast<const char*>(buf));
    (void)close(fds[0]);
}

TEST("prlimit reads and lowers a limit; an unknown resource fails with EINVAL") {
    Rlimit old{};
    REQUIRE(prlimit(0, rlimit::OPEN_FILES, nullptr, &old));
    CHECK(old.cur > 3 && old.cur <= old.max);
    auto st = in_child([&] {
        Rlimit lower{16, old.max};
        if (!prlimit(0, rlimit::OPEN_FILES, &lower, nullptr)) return 1;
        Rlimit now{};
        if (!prlimit(0, rlimit::OPEN_FILES, nullptr, &now) || now.cur != 16) return 2;
        // With 16 descriptors allowed, dup3 onto descriptor 20 fails with EBADF.
        auto d = dup3(0, 20, 0);
        return !d && d.error() == Errno::BADF ? 0 : 3;
    });
    CHECK(st.exited() && st.exit_code() == 0);
    auto bad = prlimit(0, 1000, nullptr, &old);
    REQUIRE(!bad);
    CHECK_EQ(bad.error(), Errno::INVAL);
}

TEST("setuid to one's own uid succeeds; to -1 fails with EINVAL") {
    CHECK(setuid(getuid()));
    auto r = setuid(0xffffffffu);
    REQUIRE(!r);
    CHECK_EQ(r.error(), Errno::INVAL);
}

TEST("a write to a pipe without readers: SIGPIPE kills by default; ignored, it is EPIPE") {
    // bedrock keeps the kernel's default, as glibc and musl do (docs/conventions.md).
    auto st = in_child([] {
        int fds[2];
        if (!pipe2(fds, 0)) return 2;
        (void)close(fds[0]);
        (void)write(fds[1], "x", 1);
        return 3; // not reached: the write raised SIGPIPE
    });
    CHECK(st.signaled() && st.term_signal() == static_cast<int>(sig::PIPE));
    st = in_child([] {
        // SIG_IGN is handler value 1 on every ABI (include/uapi/asm-generic/signal-defs.h).
        if (!sigaction(sig::PIPE, reinterpret_cast<void*>(1), 0, SigSet{})) return 2;
        int fds[2];
        if (!pipe2(fds, 0)) return 3;
        (void)close(fds[0]);
        auto r = write(fds[1], "x", 1);
        return !r && r.error() == Errno::PIPE ? 0 : 4;
    });
    CHECK(st.exited() && st.exit_code() == 0);
}

namespace {
// Enters a mount namespace of its own (as root), or a user namespace with one (otherwise), with
// no propagation back: what a child mounts stays in it. Returns false if neither is allowed.
bool private_mounts() {
    if (!unshare(clone_flag::NEWNS)) {
        if (getuid() == 0 || !unshare(clone_flag::NEWUSER | clone_flag::NEWNS)) return false;
    }
    return static_cast<bool>(mount(nullptr, "/", nullptr, ms::REC | ms::PRIVATE, nullptr));
}
} // namespace

TEST("mkdirat, mknodat a FIFO and a character device, chdir; errors are EEXIST and ENOENT") {
    char dir[64];
    format_to(dir, sizeof dir, "/tmp/bedrock-sys-nodes-{}", getpid());
    REQUIRE(mkdirat(at::FDCWD, dir, 0700));
    CHECK_EQ(mkdirat(at::FDCWD, dir, 0700).error(), Errno::EXIST);
    CHECK_EQ(mkdirat(at::FDCWD, "/nonexistent/bedrock/dir", 0700).error(), Errno::NOENT);
    // chdir in a child: the runner's working directory stays.
    auto st = in_child([&] {
        // As root, on a tmpfs of the child's own: /tmp may be mounted nodev (as the kernel
        // suite's init mounts it), where a device node can be made but not opened (EACCES).
        if (getuid() == 0 && !(private_mounts() && mount("bedrock", dir, "tmpfs", 0, "mode=0700"))) return 13;
        if (!chdir(dir)) return 1;
        if (chdir("/nonexistent/bedrock").error() != Errno::NOENT) return 2;
        if (!mknodat(at::FDCWD, "fifo", file_type::FIFO | 0600, 0)) return 3;
        if (mknodat(at::FDCWD, "fifo", file_type::FIFO | 0600, 0).error() != Errno::EXIST) return 4;
        // A FIFO without readers: a non-blocking open for writing is ENXIO (fifo(7)), which a
        // regular file would not give.
        if (openat(at::FDCWD, "fifo", o::WRONLY | o::NONBLOCK).error() != Errno::NXIO) return 5;
        auto r = openat(at::FDCWD, "fifo", o::RDONLY | o::NONBLOCK);
        if (!r) return 6;
        auto w = openat(at::FDCWD, "fifo", o::WRONLY | o::NONBLOCK);
        if (!w || !write(*w, "f", 1)) return 7;
        char c = 0;
        if (!read(*r, &c, 1) || c != 'f') return 8;
        (void)close(*r);
        (void)close(*w);
        // A character device needs CAP_MKNOD: makedev(1, 3) is /dev/null (Documentation/
        // admin-guide/devices.txt), so writing to it succeeds and reading gives end of file.
        auto n = mknodat(at::FDCWD, "null", file_type::CHR | 0600, makedev(1, 3));
        if (getuid() != 0) return n.error() == Errno::PERM ? 0 : 9;
        if (!n) return 10;
        auto fd = openat(at::FDCWD, "null", o::RDWR);
        if (!fd || !write(*fd, "gone", 4)) return 11;
        auto got = read(*fd, &c, 1);
        if (!got || *got != 0) return 12;
        (void)close(*fd);
        return 0;
    });
    CHECK(st.exited());
    CHECK_EQ(st.exit_code(), 0);
    char path[96];
    format_to(path, sizeof path, "{}/fifo", dir);
    (void)unlinkat(at::FDCWD, path, 0);
    format_to(path, sizeof path, "{}/null", dir);
    (void)unlinkat(at::FDCWD, path, 0);
    CHECK(unlinkat(at::FDCWD, dir, at::REMOVEDIR));
}

TEST("makedev packs major and minor as the kernel's new_encode_dev") {
    CHECK_EQ(makedev(1, 3), 0x103u);
    CHECK_EQ(makedev(5, 1), 0x501u);
    CHECK_EQ(makedev(259, 0x12345), 0x12310345u);
    CHECK_EQ(makedev(0xfff, 0xfffff), 0xffffffffu);
}

TEST("mount a tmpfs, use it, umount2 it; errors are ENODEV, ENOENT and EINVAL") {
    auto st = in_child([] {
        if (!private_mounts()) return 1;
        char dir[64];
        format_to(dir, sizeof dir, "/tmp/bedrock-sys-mnt-{}", getpid());
        if (!mkdirat(at::FDCWD, dir, 0700)) return 2;
        if (mount("bedrock", dir, "bedrock-no-such-fs", 0, nullptr).error() != Errno::NODEV) return 3;
        if (mount("bedrock", "/nonexistent/bedrock", "tmpfs", 0, nullptr).error() != Errno::NOENT) return 4;
        if (umount2(dir, 0).error() != Errno::INVAL) return 5; // not a mount point yet
        if (!mount("bedrock", dir, "tmpfs", ms::NOSUID | ms::NO_DEVICE_FILES, "size=1m,mode=0700")) return 6;
        char file[96];
        format_to(file, sizeof file, "{}/file", dir);
        auto fd = openat(at::FDCWD, file, o::WRONLY | o::CREAT, 0600);
        if (!fd || !write(*fd, "data", 4)) return 7;
        // Busy while a file on it is open, unless detached lazily.
        if (umount2(dir, 0).error() != Errno::BUSY) return 8;
        (void)close(*fd);
        sync();
        if (!umount2(dir, 0)) return 9;
        // The file lived on the tmpfs: gone with it.
        if (openat(at::FDCWD, file, o::RDONLY).error() != Errno::NOENT) return 10;
        if (!mount("bedrock", dir, "tmpfs", 0, nullptr)) return 11;
        fd = openat(at::FDCWD, dir, o::RDONLY | o::DIRECTORY);
        if (!fd || !umount2(dir, umount::DETACH)) return 12;
        (void)close(*fd);
        if (!unlinkat(at::FDCWD, dir, at::REMOVEDIR)) return 13;
        return 0;
    });
    CHECK(st.exited());
    CHECK_EQ(st.exit_code(), 0);
}

TEST("sethostname in a UTS namespace of its own; a name over 64 bytes fails with EINVAL") {
    auto st = in_child([] {
        if (!unshare(clone_flag::NEWUTS) && !unshare(clone_flag::NEWUSER | clone_flag::NEWUTS)) return 1;
        const char name[] = "bedrock-sys-test";
        if (!sethostname(name, sizeof name - 1)) return 2;
        Utsname u{};
        if (!uname(&u) || !streq(u.nodename, name)) return 3;
        char longer[65];
        for (char& c : longer) c = 'x';
        if (sethostname(longer, sizeof longer).error() != Errno::INVAL) return 4;
        return 0;
    });
    CHECK(st.exited());
    CHECK_EQ(st.exit_code(), 0);
}

TEST("reboot: an unknown command fails with EINVAL; without CAP_SYS_BOOT every command is EPERM") {
    // The kernel checks the capability first, then the magic numbers, then the command
    // (kernel/reboot.c): an unknown command reaches the last check only and does nothing.
    auto r = reboot(0x1);
    CHECK_EQ(r.error(), getuid() == 0 ? Errno::INVAL : Errno::PERM);
    auto st = in_child([] {
        if (getuid() == 0 && !setuid(65534)) return 1;
        if (getuid() == 0) return 2; // never ask a privileged process to power off
        return reboot(linux_reboot::POWER_OFF).error() == Errno::PERM ? 0 : 3;
    });
    CHECK(st.exited());
    CHECK_EQ(st.exit_code(), 0);
}

TEST("without the *_time64 syscalls (a kernel before 5.1), clocks, sleeps, futex, ppoll and file times fall back") {
    if constexpr (!test::has_time32_fallback()) return; // 64-bit time is all the ABI has
    auto st = in_child([]() -> int {
        uint32_t nrs[test::DENY_MAX];
        if (!test::deny_syscalls(nrs, test::time64_syscalls(nrs), Errno::NOSYS)) return 77;
        auto t0 = clock_gettime(clock::MONOTONIC);
        auto real = clock_gettime(clock::REALTIME);
        if (!t0 || !real || real->sec < 1577836800) return 2; // after 2020
        if (!clock_nanosleep(clock::MONOTONIC, 0, Timespec{0, 20'000'000})) return 3;
        auto t1 = clock_gettime(clock::MONOTONIC);
        int64_t slept = (t1->sec - t0->sec) * 1'000'000'000 + (t1->nsec - t0->nsec);
        if (slept < 20'000'000) return 4;
        uint32_t word = 0;
        Timespec short_wait{0, 10'000'000};
        if (futex_wait(&word, 0, &short_wait).error() != Errno::TIMEDOUT) return 5;
        if (futex_wait(&word, 1, &short_wait).error() != Errno::AGAIN) return 6;
        int fds[2];
        if (!pipe2(fds, 0)) return 7;
        PollFd p{fds[0], static_cast<short>(poll::IN), 0};
        auto n = ppoll(&p, 1, &short_wait);
        if (!n || *n != 0) return 8;
        (void)write(fds[1], "x", 1);
        n = ppoll(&p, 1, &short_wait);
        if (!n || *n != 1) return 9;
        // An absolute sleep into the past returns at once.
        if (!clock_nanosleep(clock::MONOTONIC, clock::ABSTIME, *t0)) return 10;
        // File times: what 32 bits carry is set; a later time is EOVERFLOW, not a clamped one.
        char path[64];
        format_to(path, sizeof path, "/tmp/bedrock-sys-time32-{}", getpid());
        auto f = openat(at::FDCWD, path, o::RDWR | o::CREAT | o::CLOEXEC, 0600);
        if (!f) return 11;
        (void)close(*f);
        Timespec times[2] = {{1'000'000'000, 5}, {2'000'000'000, 7}};
        bool set = bool(utimensat(at::FDCWD, path, times, 0));
        Statx sx{};
        bool read = bool(statx(at::FDCWD, path, 0, statx_mask::MTIME, &sx));
        Timespec late[2] = {{0, utime::OMIT}, {int64_t{1} << 32, 0}};
        auto over = utimensat(at::FDCWD, path, late, 0);
        (void)unlinkat(at::FDCWD, path, 0);
        if (!set || !read || sx.mtime.sec != 2'000'000'000 || sx.mtime.nsec != 7) return 12;
        if (over || over.error() != Errno::OVERFLOW) return 13;
        return 0;
    });
    if (st.exited() && st.exit_code() == 77 && test::under_emulator()) {
        test::skip("QEMU user mode refuses seccomp filters (PR_SET_SECCOMP is EINVAL)");
        return;
    }
    CHECK(st.exited());
    CHECK_EQ(st.exit_code(), 0);
}
