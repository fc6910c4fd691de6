// bedrock's PID 1 for running the freestanding test suite on a real kernel (scripts/kernel,
// docs/kernels.md), and an example of a static init for an initramfs written with bedrock alone.
//
// As PID 1 it mounts proc, sysfs, devtmpfs and a tmpfs on /tmp, names the host, runs the tests
// the manifest lists one after the other — each with the arguments, environment, working
// directory and timeout that `meson test` gives it — relays their TAP output to the console,
// prints one result line per test and a summary, and powers the machine off. A watchdog thread
// powers it off with a failure line if the whole run outlasts its limit, so that no crash or
// hang of a test leaves the virtual machine running. Run as any other process (with the
// manifest's path as its argument) it does the same but mounts nothing and exits instead.
//
// The manifest (/tests.manifest) is text, one directive a line:
//   watchdog <seconds>   the limit of the whole run (before the first test)
//   test <name>          starts a test's description
//   cwd <dir>            its working directory
//   timeout <seconds>    its limit; killed (SIGKILL) after it
//   arg <text>           the next argument; the first is the program's path (and argv[0])
//   env <NAME=value>     an environment variable
//   seccomp time64       runs it under a seccomp filter that answers ENOSYS for every *_time64
//                        syscall (tests/harness/seccomp.h): as on a kernel before 5.1
//   run                  runs the test so described
// Output, besides the tests' own TAP lines:
//   @@bedrock-test <name>
//   @@bedrock-result <name> PASS|FAIL ok=<n> not_ok=<n> skip=<n> plan=<n> <how it ended> ms=<wall time>
//   @@bedrock-done PASS|FAIL passed=<n> total=<n>
// with passed and total counted as scripts/test counts TAP cases, except that a skipped case
// is not passed: on a real kernel nothing is to be skipped.
#include "harness/child.h"
#include "harness/seccomp.h"
#include "rt/core/atomic.h"
#include "rt/core/expected.h"
#include "rt/io/print.h"
#include "rt/sys/fd.h"
#include "rt/sys/mount.h"
#include "rt/sys/poll.h"
#include "rt/sys/process.h"
#include "rt/sys/system.h"
#include "rt/thread/this_thread.h"
#include "rt/thread/thread.h"
#include "rt/time/clock.h"

using namespace rt;
using rt::test::contains;
using rt::test::starts_with;
using rt::test::streq;

namespace {

constexpr size_t MANIFEST_MAX = 64 * 1024;
constexpr size_t MAX_ARGS = 32;
constexpr size_t MAX_ENV = 32;
constexpr size_t LINE_MAX = 512;

char g_manifest[MANIFEST_MAX + 1];
bool g_pid1;
// The running test's pid (0: none), for the watchdog to kill: natively a test left running
// would outlive the init (relaxed: the pid is the whole message).
Atomic<int> g_child{0};

// A decimal count, or -1 if `s` is not one (empty, other characters, over a day).
int64_t parse_seconds(const char* s) {
    if (!*s) return -1;
    int64_t v = 0;
    for (; *s; ++s) {
        if (*s < '0' || *s > '9') return -1;
        v = v * 10 + (*s - '0');
        if (v > 86400) return -1;
    }
    return v;
}

[[noreturn]] void power_off(bool ok) {
    if (!g_pid1) sys::exit_group(ok ? 0 : 1);
    sys::sync();
    // POWER_OFF ends the virtual machine where it has a power-off device; where the kernel
    // has none it halts instead (kernel/reboot.c), so RESTART follows, which QEMU's
    // -no-reboot turns into an exit as well. Should both fail, PID 1's exit panics the kernel,
    // and panic=-1 restarts it.
    auto r = sys::reboot(sys::linux_reboot::POWER_OFF);
    print("@@bedrock-init reboot(POWER_OFF) failed: {}\n", r.error());
    (void)sys::reboot(sys::linux_reboot::RESTART);
    sys::exit_group(ok ? 0 : 1);
}

void mount_one(const char* type, const char* target, unsigned long flags, const char* data) {
    auto d = sys::mkdirat(sys::at::FDCWD, target, 0755);
    if (!d && d.error() != Errno::EXIST) print("@@bedrock-init mkdir {} failed: {}\n", target, d.error());
    auto m = sys::mount(type, target, type, flags, data);
    if (!m && m.error() != Errno::BUSY) print("@@bedrock-init mount {} on {} failed: {}\n", type, target, m.error());
}

void set_up_system() {
    using namespace sys::ms;
    mount_one("proc", "/proc", NOSUID | NO_DEVICE_FILES | NOEXEC, nullptr);
    mount_one("sysfs", "/sys", NOSUID | NO_DEVICE_FILES | NOEXEC, nullptr);
    mount_one("devtmpfs", "/dev", NOSUID, "mode=0755");
    mount_one("tmpfs", "/tmp", NOSUID | NO_DEVICE_FILES, "mode=1777");
    const char name[] = "bedrock";
    (void)sys::sethostname(name, sizeof name - 1);
}

// The kernel's clock source: whether the vDSO can read the clock without a syscall depends on it.
void print_clocksource() {
    auto fd = sys::openat(sys::at::FDCWD, "/sys/devices/system/clocksource/clocksource0/current_clocksource",
                          sys::o::RDONLY | sys::o::CLOEXEC);
    if (!fd) return;
    char name[64];
    auto n = sys::read(*fd, name, sizeof name - 1);
    (void)sys::close(*fd);
    if (!n) return;
    size_t len = *n;
    while (len > 0 && name[len - 1] == '\n') --len;
    name[len] = 0;
    print("@@bedrock-init clocksource {}\n", static_cast<const char*>(name));
}

bool read_manifest(const char* path) {
    auto fd = sys::openat(sys::at::FDCWD, path, sys::o::RDONLY | sys::o::CLOEXEC);
    if (!fd) {
        print("@@bedrock-init cannot open the manifest {}: {}\n", path, fd.error());
        return false;
    }
    size_t got = 0;
    for (;;) {
        auto r = sys::read(*fd, g_manifest + got, MANIFEST_MAX - got);
        if (!r) {
            print("@@bedrock-init reading {} failed: {}\n", path, r.error());
            (void)sys::close(*fd);
            return false;
        }
        if (*r == 0) break;
        got += *r;
        if (got == MANIFEST_MAX) {
            print("@@bedrock-init the manifest {} is larger than {} bytes\n", path, MANIFEST_MAX);
            (void)sys::close(*fd);
            return false;
        }
    }
    (void)sys::close(*fd);
    g_manifest[got] = 0;
    return true;
}

// Counts a test's TAP lines as they pass through.
struct TapCount {
    char line[LINE_MAX];
    size_t len = 0;
    unsigned ok = 0, not_ok = 0, skip = 0, plan = 0;
    bool bail = false;

    void feed(const char* p, size_t n) {
        for (size_t i = 0; i < n; ++i) {
            if (p[i] == '\n') {
                line[len] = 0;
                classify();
                len = 0;
            } else if (len < LINE_MAX - 1) {
                line[len++] = p[i];
            }
        }
    }
    void classify() {
        if (starts_with(line, "ok ")) {
            ++ok;
            if (contains(line, "# SKIP")) ++skip;
        } else if (starts_with(line, "not ok ")) {
            ++not_ok;
        } else if (starts_with(line, "1..")) {
            int64_t v = parse_seconds(line + 3); // a count, however named
            plan = v > 0 ? static_cast<unsigned>(v) : 0;
        } else if (starts_with(line, "Bail out!")) {
            bail = true;
        }
    }
};

struct Test {
    const char* name = nullptr;
    const char* cwd = "/";
    int64_t timeout_s = 300;
    const char* argv[MAX_ARGS + 1] = {};
    const char* envp[MAX_ENV + 1] = {};
    size_t argc = 0, envc = 0;
    bool deny_time64 = false;
};

struct Totals {
    unsigned passed = 0, total = 0;
    bool all_ok = true;
};

// Reaps children that are not `pid` (orphans PID 1 inherits); with `pid` > 0, returns its
// status once it has ended, or -1 while it runs.
int reap(int pid, sys::WaitStatus* st) {
    for (;;) {
        sys::WaitStatus s{0};
        auto w = sys::wait4(-1, &s, sys::wait::NOHANG);
        if (!w || *w == 0) return -1;
        if (*w == pid) {
            *st = s;
            return 0;
        }
    }
}

void run_test(const Test& t, Totals& totals) {
    print("@@bedrock-test {}\n", t.name);
    int out[2];
    if (auto p = sys::pipe2(out, sys::o::CLOEXEC); !p) {
        print("@@bedrock-result {} FAIL pipe: {}\n", t.name, p.error());
        totals.all_ok = false;
        totals.total += 1;
        return;
    }
    auto pid = rt::fork();
    if (!pid) {
        print("@@bedrock-result {} FAIL fork: {}\n", t.name, pid.error());
        (void)sys::close(out[0]);
        (void)sys::close(out[1]);
        totals.all_ok = false;
        totals.total += 1;
        return;
    }
    if (*pid == 0) {
        (void)sys::dup3(out[1], 1, 0);
        if (t.deny_time64) {
            uint32_t nrs[test::DENY_MAX];
            int n = test::time64_syscalls(nrs);
            if (n == 0 || !test::deny_syscalls(nrs, n, Errno::NOSYS)) {
                eprint("init: the seccomp filter for the *_time64 syscalls ({} of them) was refused\n", n);
                sys::exit_group(125);
            }
        }
        if (auto c = sys::chdir(t.cwd); !c) {
            eprint("init: chdir {}: {}\n", t.cwd, c.error());
            sys::exit_group(126);
        }
        auto e = sys::execve(t.argv[0], t.argv, t.envp);
        eprint("init: execve {}: {}\n", t.argv[0], e.error());
        sys::exit_group(127);
    }
    g_child.store(*pid, Order::Relaxed);
    (void)sys::close(out[1]);
    int64_t started = now(Clock::Monotonic);
    Deadline deadline = deadline_after(Duration::seconds(t.timeout_s));
    TapCount tap;
    bool timed_out = false;
    char buf[4096];
    for (bool open = true; open;) {
        Duration left = deadline.remaining(now(Clock::Monotonic));
        if (left <= Duration::zero()) {
            timed_out = true;
            break;
        }
        sys::Timespec ts{left.ns() / 1'000'000'000, left.ns() % 1'000'000'000};
        sys::PollFd pfd{out[0], static_cast<short>(sys::poll::IN), 0};
        auto n = sys::ppoll(&pfd, 1, &ts);
        if (!n) {
            if (n.error() == Errno::INTR) continue;
            print("@@bedrock-init ppoll failed: {}\n", n.error());
            timed_out = true;
            break;
        }
        if (*n == 0) continue;
        auto r = sys::read(out[0], buf, sizeof buf);
        if (!r) {
            if (r.error() == Errno::INTR) continue;
            break;
        }
        if (*r == 0) {
            open = false;
            break;
        }
        (void)write_all(1, buf, *r);
        tap.feed(buf, *r);
    }
    (void)sys::close(out[0]);
    // The output has ended; the process may not have yet.
    sys::WaitStatus st{0};
    while (reap(*pid, &st) != 0) {
        if (timed_out || deadline_passed(deadline)) {
            timed_out = true;
            (void)sys::kill(*pid, static_cast<int>(sys::sig::KILL));
            while (reap(*pid, &st) != 0) sleep(Duration::milliseconds(10));
            break;
        }
        sleep(Duration::milliseconds(10));
    }
    g_child.store(0, Order::Relaxed);
    if (tap.len > 0) tap.feed("\n", 1);
    unsigned seen = tap.ok + tap.not_ok;
    unsigned n = tap.plan > seen ? tap.plan : seen;
    if (n == 0) n = 1;
    bool pass = !timed_out && st.exited() && st.exit_code() == 0 && tap.not_ok == 0 && !tap.bail && tap.plan > 0 &&
                tap.ok == tap.plan && tap.skip == 0;
    if (!pass && tap.ok - tap.skip == n) n += 1;
    totals.passed += tap.ok - tap.skip;
    totals.total += n;
    totals.all_ok &= pass;
    print("@@bedrock-result {} {} ok={} not_ok={} skip={} plan={} ", t.name, pass ? "PASS" : "FAIL", tap.ok,
          tap.not_ok, tap.skip, tap.plan);
    if (timed_out) print("timeout={}s", t.timeout_s);
    else if (st.exited()) print("exit={}", st.exit_code());
    else print("signal={}", st.term_signal());
    print(" ms={}\n", (now(Clock::Monotonic) - started) / 1'000'000);
}

// Splits the manifest in place and runs its tests; false on a malformed manifest.
bool run_manifest(Totals& totals) {
    Test t;
    bool in_test = false;
    unsigned lineno = 0;
    for (char* p = g_manifest; *p;) {
        char* line = p;
        while (*p && *p != '\n') ++p;
        if (*p) *p++ = 0;
        ++lineno;
        if (!*line) continue;
        char* word = line;
        char* rest = line;
        while (*rest && *rest != ' ') ++rest;
        if (*rest) *rest++ = 0;
        auto bad = [&](const char* why) {
            print("@@bedrock-init manifest line {}: {}\n", lineno, why);
            return false;
        };
        if (streq(word, "watchdog")) {
            int64_t s = parse_seconds(rest);
            if (s <= 0) return bad("watchdog needs a count of seconds");
            // The watchdog: a thread of its own, so that it fires whatever the main thread waits on.
            auto w = Thread::spawn([s] {
                sleep(Duration::seconds(s));
                print("\n@@bedrock-watchdog the run took over {} s\n@@bedrock-done FAIL watchdog\n", s);
                if (int c = g_child.load(Order::Relaxed); c > 0) (void)sys::kill(c, static_cast<int>(sys::sig::KILL));
                power_off(false);
            });
            if (!w) return bad("the watchdog thread could not start");
            w->detach();
        } else if (streq(word, "test")) {
            if (in_test) return bad("test before the previous test's run");
            if (!*rest) return bad("test needs a name");
            t = Test{};
            t.name = rest;
            in_test = true;
        } else if (!in_test) {
            return bad("a directive outside a test");
        } else if (streq(word, "cwd")) {
            t.cwd = rest;
        } else if (streq(word, "timeout")) {
            t.timeout_s = parse_seconds(rest);
            if (t.timeout_s <= 0) return bad("timeout needs a count of seconds");
        } else if (streq(word, "arg")) {
            if (t.argc == MAX_ARGS) return bad("too many arguments");
            t.argv[t.argc++] = rest;
        } else if (streq(word, "env")) {
            if (t.envc == MAX_ENV) return bad("too many environment variables");
            t.envp[t.envc++] = rest;
        } else if (streq(word, "seccomp")) {
            if (!streq(rest, "time64")) return bad("seccomp knows only time64");
            t.deny_time64 = true;
        } else if (streq(word, "run")) {
            if (t.argc == 0) return bad("run without a program (no arg)");
            t.argv[t.argc] = nullptr;
            t.envp[t.envc] = nullptr;
            run_test(t, totals);
            in_test = false;
        } else {
            return bad("unknown directive");
        }
    }
    if (in_test) {
        print("@@bedrock-init manifest: the last test has no run\n");
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char** argv) {
    g_pid1 = sys::getpid() == 1;
    if (g_pid1) set_up_system();
    const char* manifest = argc > 1 ? argv[1] : "/tests.manifest";
    if (!g_pid1 && argc != 2) {
        eprint("usage: {} MANIFEST (as PID 1: /tests.manifest)\n", argc > 0 ? argv[0] : "init");
        return 2;
    }
    sys::Utsname u{};
    (void)sys::uname(&u);
    print("@@bedrock-init {} {} {}\n", u.sysname, u.release, u.machine);
    if (g_pid1) print_clocksource();
    Totals totals;
    bool ok = read_manifest(manifest) && run_manifest(totals);
    ok &= totals.all_ok && totals.total > 0;
    print("@@bedrock-done {} passed={} total={}\n", ok ? "PASS" : "FAIL", totals.passed, totals.total);
    power_off(ok);
}
