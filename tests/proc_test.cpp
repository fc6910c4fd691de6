// rt::Child (rt/proc/child.h): spawn with every stdio choice, environment and working directory,
// exec failures as named errors, exit codes and signals, wait with a timeout, kill, cancellation
// of a task waiting for a child that never exits, and no descriptor or child process left behind.
// The cases that need no workers run on rt::InlineIo and inside an rt::Executor task.
//
// The child program: natively and on the real kernels this test's own binary (its `--child`
// modes below, exec'ed through /proc/self/exe, so that it runs where the file system holds
// nothing else); under QEMU user mode, which cannot exec a binary of the guest's architecture
// without binfmt_misc, the host's /bin/sh with the same behaviour in shell.
#include "harness/child.h"
#include "harness/io.h"
#include "harness/tap.h"
#include "rt/exec/executor.h"
#include "rt/exec/inline_io.h"
#include "rt/proc/child.h"
#include "rt/sys/process.h"
#include "rt/sys/process_info.h"
#include "rt/sys/random.h"
#include "rt/time/clock.h"

using namespace rt;
using namespace rt::test;

namespace {

// s on fd through rt::fprint; 4 (the modes' "output failed" status) when it cannot be written.
int put(int fd, StringView s) { return fprint(fd, "{}", s) ? 0 : 4; }

} // namespace

// The child modes: --child <mode> [args].
extern "C" int rt_test_child_main(int argc, char** argv) {
    if (argc < 3) return 125;
    const char* mode = argv[2];
    if (test::streq(mode, "exit") && argc == 4) {
        int code = 0;
        for (const char* p = argv[3]; *p; ++p) code = code * 10 + (*p - '0');
        return code;
    }
    if (test::streq(mode, "args")) { // the arguments after the mode, joined by spaces
        for (int i = 3; i < argc; ++i)
            if (put(1, argv[i]) || put(1, i + 1 < argc ? " " : "")) return 4;
        return put(1, "\n");
    }
    if (test::streq(mode, "cat")) { // stdin to stdout
        char buf[4096];
        for (;;) {
            auto n = sys::read(0, buf, sizeof buf);
            if (!n) return 5;
            if (*n == 0) return 0;
            if (put(1, StringView(buf, *n))) return 4;
        }
    }
    if (test::streq(mode, "env") && argc == 4) { // the variable's value, or "(unset)"
        const char* v = rt::getenv(argv[3]);
        return put(1, v ? v : "(unset)") | put(1, "\n");
    }
    if (test::streq(mode, "pwd")) {
        char buf[PATH_MAX];
        auto n = sys::getcwd(buf, sizeof buf);
        if (!n) return 6;
        return put(1, StringView(buf, *n - 1)) | put(1, "\n");
    }
    if (test::streq(mode, "stderr") && argc == 4) return put(2, argv[3]);
    if (test::streq(mode, "term-self")) {
        (void)sys::kill(sys::getpid(), static_cast<int>(sys::sig::TERM));
        return 0;
    }
    if (test::streq(mode, "hang")) {
        for (;;) (void)sys::ppoll(nullptr, 0, nullptr);
    }
    return 125;
}

namespace {

// One behaviour of the child program, as argv for the configuration at hand.
struct Prog {
    const char* argv[8];
};

// Whether the child is this binary (else the host's /bin/sh, under QEMU user mode).
bool self() { return !test::under_emulator(); }

Prog prog_exit(const char* code) {
    if (self()) return {{"/proc/self/exe", "--child", "exit", code, nullptr}};
    static char script[32];
    format_to(script, sizeof script, "exit {}", code);
    return {{"/bin/sh", "-c", script, nullptr}};
}
Prog prog_args() {
    if (self()) return {{"/proc/self/exe", "--child", "args", "one", "two three", nullptr}};
    return {{"/bin/sh", "-c", "echo \"$1 $2\"", "sh", "one", "two three", nullptr}};
}
Prog prog_cat() {
    if (self()) return {{"/proc/self/exe", "--child", "cat", nullptr}};
    return {{"/bin/sh", "-c", "exec cat", nullptr}};
}
Prog prog_env(const char* name) {
    if (self()) return {{"/proc/self/exe", "--child", "env", name, nullptr}};
    return {{"/bin/sh", "-c", "eval \"v=\\${$1-(unset)}\"; echo \"$v\"", "sh", name, nullptr}};
}
Prog prog_pwd() {
    if (self()) return {{"/proc/self/exe", "--child", "pwd", nullptr}};
    return {{"/bin/sh", "-c", "pwd -P", nullptr}};
}
Prog prog_stderr(const char* text) {
    if (self()) return {{"/proc/self/exe", "--child", "stderr", text, nullptr}};
    return {{"/bin/sh", "-c", "printf %s \"$1\" >&2", "sh", text, nullptr}};
}
Prog prog_term_self() {
    if (self()) return {{"/proc/self/exe", "--child", "term-self", nullptr}};
    return {{"/bin/sh", "-c", "kill -TERM $$", nullptr}};
}
Prog prog_hang() {
    if (self()) return {{"/proc/self/exe", "--child", "hang", nullptr}};
    return {{"/bin/sh", "-c", "exec sleep 100000", nullptr}};
}


// Everything the child wrote to f until its end, NUL-terminated, into buf.
StringView read_to_end(Io& io, File& f, char* buf, size_t n) {
    auto got = f.read_all(io, buf, n - 1);
    size_t k = got ? *got : 0;
    buf[k] = 0;
    return StringView(buf, k);
}


// No child of this process is left, running or unreaped.
bool no_children() {
    auto r = sys::wait4(-1, nullptr, sys::wait::NOHANG);
    return !r && r.error() == Errno::CHILD;
}



} // namespace

TEST("spawn: exit codes, arguments, and stdin/stdout/stderr as pipes, /dev/null, a file, closed") {
    on_both([](Io& io) {
        int fds = fd_count();
        {
            const char* codes[] = {"0", "3", "255"};
            for (const char* code : codes) {
                Prog p = prog_exit(code);
                auto c = Child::spawn(io, {.argv = p.argv});
                REQUIRE(c);
                CHECK(c->pid() > 0);
                if (code[0] == '0')
                    print("# wait and kill go through {}\n", c->has_pidfd() ? "a pidfd (pidfd_open)" : "the pid (no pidfd_open: polled)");
                auto st = c->wait(io);
                REQUIRE(st);
                CHECK(st->kind == ExitStatus::Exited);
                int want = 0;
                for (const char* q = code; *q; ++q) want = want * 10 + (*q - '0');
                CHECK_EQ(st->code, want);
                CHECK_EQ(st->success(), want == 0);
            }
            char buf[256];
            Prog a = prog_args();
            auto c = Child::spawn(io, {.argv = a.argv, .out = Stdio::pipe()});
            REQUIRE(c);
            CHECK(read_to_end(io, c->out, buf, sizeof buf) == "one two three\n");
            CHECK(c->wait(io)->success());
            // stdin and stdout both pipes: what goes in comes out.
            Prog cat = prog_cat();
            c = Child::spawn(io, {.argv = cat.argv, .in = Stdio::pipe(), .out = Stdio::pipe()});
            REQUIRE(c);
            REQUIRE(c->in.write_all(io, "through the child\n"));
            c->in.close(io); // end of input
            CHECK(read_to_end(io, c->out, buf, sizeof buf) == "through the child\n");
            CHECK(c->wait(io)->success());
            // stderr alone.
            Prog e = prog_stderr("to stderr");
            c = Child::spawn(io, {.argv = e.argv, .err = Stdio::pipe()});
            REQUIRE(c);
            CHECK(read_to_end(io, c->err, buf, sizeof buf) == "to stderr");
            CHECK(c->wait(io)->success());
            // /dev/null for stdin: cat ends at once with nothing.
            c = Child::spawn(io, {.argv = cat.argv, .in = Stdio::null(), .out = Stdio::pipe()});
            REQUIRE(c);
            CHECK(read_to_end(io, c->out, buf, sizeof buf) == "");
            CHECK(c->wait(io)->success());
            // /dev/null for stdout: the output is discarded, the child succeeds.
            c = Child::spawn(io, {.argv = a.argv, .out = Stdio::null()});
            REQUIRE(c);
            CHECK(c->wait(io)->success());
            // A file of the caller's as stdout.
            Scratch s(io, "proc", true);
            REQUIRE(s.dir.is_open());
            {
                auto f = s.dir.create_file(io, "out.txt");
                REQUIRE(f);
                c = Child::spawn(io, {.argv = a.argv, .out = Stdio::file(*f)});
                REQUIRE(c);
                CHECK(c->wait(io)->success());
            }
            auto f = s.dir.open_file(io, "out.txt");
            REQUIRE(f);
            CHECK(read_to_end(io, *f, buf, sizeof buf) == "one two three\n");
            // stdout closed: the child's write fails, and it says so by its status.
            c = Child::spawn(io, {.argv = a.argv, .out = Stdio::close(), .err = Stdio::null()});
            REQUIRE(c);
            auto st = c->wait(io);
            REQUIRE(st);
            CHECK(!st->success());
        }
        CHECK_EQ(fd_count(), fds);
        CHECK(no_children());
    });
}

TEST("spawn: environment inherited, replaced and added to; working directory; PATH search") {
    on_both([](Io& io) {
        int fds = fd_count();
        {
            char buf[PATH_MAX + 8];
            // A variable of this process's (one no shell sets itself): inherited by default,
            // absent from a replaced environment.
            char name[64] = {};
            const char* value = nullptr;
            for (char** e = process().envp; e && *e && !value; ++e) {
                StringView v(*e);
                size_t eq = v.find('=');
                if (eq == StringView::NPOS || eq == 0 || eq >= sizeof name) continue;
                StringView n = v.substr(0, eq);
                if (n == "PATH" || n == "PWD" || n == "OLDPWD" || n == "SHLVL" || n == "_" || n == "IFS" || n == "PS1" ||
                    n == "PS2" || n == "PS4" || n == "OPTIND" || n == "PPID" || v.find('\n') != StringView::NPOS)
                    continue;
                __builtin_memcpy(name, n.data(), n.size());
                value = *e + eq + 1;
            }
            const char* env[] = {"ONLY=this", nullptr};
            if (value) {
                Prog inherited = prog_env(name);
                auto c = Child::spawn(io, {.argv = inherited.argv, .out = Stdio::pipe()});
                REQUIRE(c);
                StringView got = read_to_end(io, c->out, buf, sizeof buf);
                CHECK(got.size() > 0 && got.substr(0, got.size() - 1) == StringView(value));
                CHECK(c->wait(io)->success());
                c = Child::spawn(io, {.argv = inherited.argv, .env = env, .out = Stdio::pipe()});
                REQUIRE(c);
                CHECK(read_to_end(io, c->out, buf, sizeof buf) == "(unset)\n");
                CHECK(c->wait(io)->success());
            } else {
                print("# this process has no environment variable to check inheritance with\n");
            }
            Prog only = prog_env("ONLY");
            auto c = Child::spawn(io, {.argv = only.argv, .env = env, .out = Stdio::pipe()});
            REQUIRE(c);
            CHECK(read_to_end(io, c->out, buf, sizeof buf) == "this\n");
            CHECK(c->wait(io)->success());
            const char* add[] = {"ONLY=first", "ADDED=yes", "ONLY=replaced", nullptr};
            c = Child::spawn(io, {.argv = only.argv, .env = env, .env_add = add, .out = Stdio::pipe()});
            REQUIRE(c);
            CHECK(read_to_end(io, c->out, buf, sizeof buf) == "replaced\n");
            CHECK(c->wait(io)->success());
            Prog added = prog_env("ADDED");
            c = Child::spawn(io, {.argv = added.argv, .env_add = add, .out = Stdio::pipe()});
            REQUIRE(c);
            CHECK(read_to_end(io, c->out, buf, sizeof buf) == "yes\n");
            CHECK(c->wait(io)->success());
            // The working directory.
            Scratch s(io, "proc", true);
            REQUIRE(s.dir.is_open());
            Prog pwd = prog_pwd();
            c = Child::spawn(io, {.argv = pwd.argv, .cwd = &s.dir, .out = Stdio::pipe()});
            REQUIRE(c);
            StringView where = read_to_end(io, c->out, buf, sizeof buf);
            CHECK(where.size() > 0 && where.substr(0, where.size() - 1) == StringView(s.path));
            CHECK(c->wait(io)->success());
            // A program without '/' is searched: the first directory that has it, "missing" ones passed over.
            REQUIRE(s.dir.make_path(io, "bin1"));
            REQUIRE(s.dir.make_path(io, "bin2"));
            REQUIRE(s.dir.sym_link(io, self() ? "/proc/self/exe" : "/bin/sh", "bin2/myprog"));
            char search[256];
            format_to(search, sizeof search, "{}/nonexistent:{}/bin1:{}/bin2", s.path, s.path, s.path);
            Prog ex = prog_exit("7");
            c = Child::spawn(io, {.argv = ex.argv, .program = "myprog", .search_path = search});
            REQUIRE(c);
            auto st = c->wait(io);
            CHECK(st && st->code == 7);
            CHECK_EQ(err(Child::spawn(io, {.argv = ex.argv, .program = "nosuchprog", .search_path = search})),
                     IoError::NotFound);
        }
        CHECK_EQ(fd_count(), fds);
        CHECK(no_children());
    });
}

TEST("spawn errors: missing program, not executable, not a program, bad arguments; nothing left behind") {
    on_both([](Io& io) {
        int fds = fd_count();
        {
            Scratch s(io, "proc", true);
            REQUIRE(s.dir.is_open());
            char path[160];
            const char* argv[] = {"x", nullptr};
            format_to(path, sizeof path, "{}/missing", s.path);
            CHECK_EQ(err(Child::spawn(io, {.argv = argv, .program = path, .out = Stdio::pipe()})), IoError::NotFound);
            {
                auto f = s.dir.create_file(io, "noexec", {.mode = 0644});
                REQUIRE(f);
                REQUIRE(f->write_all(io, "#!/bin/sh\nexit 0\n"));
            }
            format_to(path, sizeof path, "{}/noexec", s.path);
            CHECK_EQ(err(Child::spawn(io, {.argv = argv, .program = path, .in = Stdio::pipe()})), IoError::AccessDenied);
            {
                auto f = s.dir.create_file(io, "garbage", {.mode = 0755});
                REQUIRE(f);
                REQUIRE(f->write_all(io, "this is not a program\n"));
            }
            format_to(path, sizeof path, "{}/garbage", s.path);
            CHECK_EQ(err(Child::spawn(io, {.argv = argv, .program = path, .err = Stdio::null()})),
                     IoError::InvalidExecutable);
            CHECK_EQ(err(Child::spawn(io, {.argv = argv, .program = s.path})), IoError::AccessDenied); // a directory
            const char* none[] = {nullptr};
            CHECK_EQ(err(Child::spawn(io, {.argv = none})), IoError::InvalidArgument);
            CHECK_EQ(err(Child::spawn(io, {.argv = argv, .program = ""})), IoError::NotFound);
            File closed;
            Prog p = prog_exit("0");
            CHECK_EQ(err(Child::spawn(io, {.argv = p.argv, .out = Stdio::file(closed)})), IoError::BadDescriptor);
            // A working directory that is not one: the child's fchdir fails, reported as such.
            auto f = s.dir.create_file(io, "plain");
            REQUIRE(f);
            Dir not_dir(f->release());
            CHECK_EQ(err(Child::spawn(io, {.argv = p.argv, .cwd = &not_dir})), IoError::NotDir);
        }
        CHECK_EQ(fd_count(), fds);
        CHECK(no_children());
    });
}

TEST("signals and waits: a child killed by a signal, kill, wait_for's timeout, a dropped handle") {
    on_both([](Io& io) {
        int fds = fd_count();
        {
            Prog t = prog_term_self();
            auto c = Child::spawn(io, {.argv = t.argv});
            REQUIRE(c);
            auto st = c->wait(io);
            REQUIRE(st);
            CHECK(st->kind == ExitStatus::Signaled);
            CHECK_EQ(st->code, static_cast<int>(sys::sig::TERM));
            Prog h = prog_hang();
            c = Child::spawn(io, {.argv = h.argv});
            REQUIRE(c);
            int64_t t0 = now(Clock::Monotonic);
            CHECK_EQ(err(c->wait_for(io, Duration::milliseconds(100))), IoError::TimedOut);
            CHECK(now(Clock::Monotonic) - t0 >= 100'000'000);
            REQUIRE(c->kill(io, static_cast<int>(sys::sig::KILL)));
            st = c->wait(io);
            REQUIRE(st);
            CHECK(st->kind == ExitStatus::Signaled);
            CHECK_EQ(st->code, static_cast<int>(sys::sig::KILL));
            CHECK_EQ(err(c->kill(io, static_cast<int>(sys::sig::KILL))), IoError::InvalidArgument); // reaped
            CHECK_EQ(err(c->wait(io)), IoError::InvalidArgument);
            // kill of a child that has exited and is not reaped yet: nothing to signal, no error.
            Prog z = prog_exit("0");
            c = Child::spawn(io, {.argv = z.argv});
            REQUIRE(c);
            char stat_path[48];
            format_to(stat_path, sizeof stat_path, "/proc/{}/stat", c->pid());
            bool zombie = false;
            for (int i = 0; i < 5000 && !zombie; ++i) {
                char text[256] = {};
                auto f = Dir::cwd().open_file(io, stat_path);
                if (f) {
                    auto n = f->read(io, text, sizeof text - 1);
                    // "pid (comm) S ...": the state follows the last ')'.
                    StringView t(text, n ? *n : 0);
                    size_t close = 0;
                    for (size_t k = 0; k < t.size(); ++k)
                        if (t[k] == ')') close = k;
                    zombie = close + 2 < t.size() && t[close + 2] == 'Z';
                }
                sys::Timespec ms{0, 1'000'000};
                if (!zombie) (void)sys::ppoll(nullptr, 0, &ms);
            }
            CHECK(zombie);
            CHECK(c->kill(io, static_cast<int>(sys::sig::KILL)));
            st = c->wait(io);
            CHECK(st && st->success()); // it had exited on its own
            // wait_for of a child that ends in time.
            Prog e = prog_exit("9");
            c = Child::spawn(io, {.argv = e.argv});
            REQUIRE(c);
            st = c->wait_for(io, Duration::seconds(60));
            CHECK(st && st->code == 9);
            // A handle dropped while its child runs: killed and reaped.
            int pid = 0;
            {
                auto d = Child::spawn(io, {.argv = h.argv, .out = Stdio::pipe()});
                REQUIRE(d);
                pid = d->pid();
            }
            auto r = sys::wait4(pid, nullptr, sys::wait::NOHANG);
            CHECK(!r && r.error() == Errno::CHILD);
        }
        CHECK_EQ(fd_count(), fds);
        CHECK(no_children());
    });
}

TEST("cancel: a task waiting for a child that never exits ends with Canceled; the child is then killed") {
    int fds = fd_count();
    {
        Executor ex;
        Prog h = prog_hang();
        auto c = Child::spawn(ex, {.argv = h.argv});
        REQUIRE(c);
        Duration limits[] = {Duration::max(), Duration::seconds(600)};
        for (Duration limit : limits) {
            auto task = ex.concurrent([&] { return c->wait_for(ex, limit); });
            REQUIRE(task);
            (void)ex.sleep(Duration::milliseconds(50));
            CHECK(!task->done());
            int64_t t0 = now(Clock::Monotonic);
            auto r = task->cancel();
            CHECK(now(Clock::Monotonic) - t0 < 5'000'000'000);
            CHECK_EQ(err(r), IoError::Canceled);
        }
        REQUIRE(c->kill(ex, static_cast<int>(sys::sig::KILL)));
        auto st = c->wait(ex);
        CHECK(st && st->kind == ExitStatus::Signaled);
    }
    CHECK_EQ(fd_count(), fds);
    CHECK(no_children());
}

TEST("without a pidfd (Linux before 5.3): wait polls the pid, times out, is canceled, reaps") {
    int fds = fd_count();
    {
        Prog h = prog_hang();
        ops::SpawnRequest req{};
        req.program = h.argv[0];
        req.argv = h.argv;
        req.envp = process().envp;
        req.dir_fd = -1;
        req.stdio[0] = req.stdio[1] = req.stdio[2] = ops::STDIO_INHERIT;
        auto s = ops::spawn(req);
        REQUIRE(s);
        if (s->pidfd >= 0) ops::close(s->pidfd); // the fallback: the pid alone
        CHECK_EQ(err(ops::wait(s->pid, -1, Duration::milliseconds(30))), IoError::TimedOut);
        Executor ex;
        auto task = ex.concurrent([&] { return ops::wait(s->pid, -1, Duration::max()); });
        REQUIRE(task);
        (void)ex.sleep(Duration::milliseconds(50));
        CHECK(!task->done());
        CHECK_EQ(err(task->cancel()), IoError::Canceled);
        REQUIRE(ops::kill(s->pid, -1, static_cast<int>(sys::sig::KILL)));
        auto st = ops::wait(s->pid, -1, Duration::seconds(60));
        CHECK(st && st->kind == ExitStatus::Signaled && st->code == static_cast<int>(sys::sig::KILL));
    }
    CHECK_EQ(fd_count(), fds);
    CHECK(no_children());
}
