#include "tap.h"

#include "child.h"

#include "rt/start/process.h"
#include "rt/sys/process.h"
#include "rt/time/clock.h"

namespace rt::test {

int g_argc;
char** g_argv;
char** g_envp;

namespace {
Case* g_first;
Case* g_last;
bool g_failed;
const char* g_skip_reason;
constexpr int64_t SLOW_CASE_MS = 500;
} // namespace

Registrar::Registrar(Case* c) {
    if (g_last) g_last->next = c;
    else g_first = c;
    g_last = c;
}

void note_failure(const char* file, int line, const char* what) {
    g_failed = true;
    rt::print("# FAILED {}:{}: {}\n", file, line, what);
}

bool current_failed() { return g_failed; }

void skip(const char* reason) { g_skip_reason = reason; }

bool under_emulator() {
    const char* r = rt::getenv("BEDROCK_RUNNER");
    return r && *r;
}

} // namespace rt::test

// Defined by a test whose binary also serves as the child program of its cases.
extern "C" [[gnu::weak]] int rt_test_child_main(int argc, char** argv);

int main(int argc, char** argv, char** envp) {
    using namespace rt::test;
    g_argc = argc;
    g_argv = argv;
    g_envp = envp;
    // A test that must exec a program execs its own binary this way: a bedrock program, so that
    // the case also runs where the file system holds nothing else (scripts/kernel's initramfs).
    if (argc == 3 && rt::test::streq(argv[1], "--exit-with")) {
        int code = 0;
        for (const char* p = argv[2]; *p >= '0' && *p <= '9'; ++p) code = code * 10 + (*p - '0');
        return code;
    }
    // A test that spawns itself as a child program runs its own child modes (rt_test_child_main).
    if (argc >= 2 && rt::test::streq(argv[1], "--child")) return rt_test_child_main ? rt_test_child_main(argc, argv) : 125;
    unsigned n = 0;
    for (Case* c = g_first; c; c = c->next) ++n;
    rt::print("TAP version 13\n");
    if (n == 0) {
        rt::print("Bail out! no test cases registered (did the init_array run?)\n");
        return 1;
    }
    rt::print("1..{}\n", n);
    unsigned i = 0, failed = 0;
    for (Case* c = g_first; c; c = c->next) {
        g_failed = false;
        g_skip_reason = nullptr;
        int64_t t0 = rt::now(rt::Clock::Monotonic);
        c->fn();
        int64_t ms = (rt::now(rt::Clock::Monotonic) - t0) / 1'000'000;
        ++i;
        // Where a run's time goes, in the logs (scripts/test, scripts/kernel's consoles).
        if (ms >= SLOW_CASE_MS) rt::print("# case {} took {} ms\n", i, ms);
        if (g_failed) ++failed;
        if (g_skip_reason && !g_failed) rt::print("ok {} - {} # SKIP {}\n", i, c->name, g_skip_reason);
        else rt::print("{}ok {} - {}\n", g_failed ? "not " : "", i, c->name);
    }
    return failed ? 1 : 0;
}
