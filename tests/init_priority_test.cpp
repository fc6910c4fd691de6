// Static initialization order across two translation units (this one and
// init_priority_other.cpp): objects with __attribute__((init_priority(N))) and functions with
// __attribute__((constructor(N))) run before main in increasing N whichever unit they are in,
// the unprioritized ones after all of them (objects of one unit in definition order); at exit
// the objects' destructors run in reverse order of construction (they were registered with
// __cxa_atexit as each construction finished), then the __attribute__((destructor(N))) functions
// from .fini_array in reverse: unprioritized ones first, then decreasing N (docs/startup.md,
// step 6). The linker sorts .init_array.N / .fini_array.N; start-up runs the arrays.
#include "harness/child.h"
#include "harness/tap.h"
#include "init_priority.h"
#include "rt/io/print.h"
#include "rt/start/process.h"

namespace initprio {

int g_log[LOG_MAX];
int g_log_n;
bool g_report;

void log(int tag) {
    if (g_log_n < LOG_MAX) g_log[g_log_n++] = tag;
    if (g_report) rt::eprint("{} ", tag);
}

Obj::Obj(int t) : tag(t) { log(t); }
Obj::~Obj() { log(DTOR + tag); }

} // namespace initprio

using namespace initprio;

namespace {
int g_ctor_argc = -1;
char** g_ctor_argv;

// Start-up calls init_array entries with (argc, argv, envp), as glibc does.
__attribute__((constructor(150))) void a_ctor150(int argc, char** argv, char**) {
    g_ctor_argc = argc;
    g_ctor_argv = argv;
    log(150);
}
Obj a_obj500 __attribute__((init_priority(500)))(500);
Obj a_plain1(1001);
Obj a_obj250 __attribute__((init_priority(250)))(250);
__attribute__((constructor(450))) void a_ctor450() { log(450); }
Obj a_plain2(1002);
__attribute__((constructor)) void a_ctor_plain() { log(1003); }

__attribute__((destructor(150))) void a_dtor150() { log(FINI + 150); }
__attribute__((destructor(450))) void a_dtor450() { log(FINI + 450); }
__attribute__((destructor)) void a_dtor_plain() { log(FINI + 1004); }

// The position of tag in log[0..n), or -1.
int pos(const int* log, int n, int tag) {
    for (int i = 0; i < n; ++i)
        if (log[i] == tag) return i;
    return -1;
}

// True when log[from..from+k) holds exactly the k tags of set, in any order.
bool is_set(const int* log, int n, int from, const int* set, int k) {
    if (from + k > n) return false;
    for (int i = 0; i < k; ++i) {
        int p = pos(log + from, k, set[i]);
        if (p < 0) return false;
    }
    return true;
}

void dump(const char* what, const int* log, int n) {
    rt::print("# {}:", what);
    for (int i = 0; i < n; ++i) rt::print(" {}", log[i]);
    rt::print("\n");
}

// Parses the space-separated tags the child wrote to stderr.
int parse(const char* s, int* out, int max) {
    int n = 0;
    while (*s && n < max) {
        while (*s == ' ') ++s;
        if (*s < '0' || *s > '9') break;
        int v = 0;
        while (*s >= '0' && *s <= '9') v = v * 10 + (*s++ - '0');
        out[n++] = v;
    }
    return n;
}
} // namespace

TEST("prioritized constructors and objects of both units ran before main, in priority order") {
    // The snapshot is taken before any case runs (this is the first).
    static const int want[] = {150, 200, 250, 300, 400, 450, 500};
    bool ok = g_log_n >= 7;
    for (int i = 0; ok && i < 7; ++i) ok = g_log[i] == want[i];
    if (!ok) dump("constructors", g_log, g_log_n);
    CHECK(ok);
}

TEST("unprioritized constructors ran after the prioritized ones, one unit's objects in order") {
    static const int plain[] = {1001, 1002, 1003, 2001, 2002};
    CHECK_EQ(g_log_n, 12);
    bool ok = is_set(g_log, g_log_n, 7, plain, 5);
    if (!ok) dump("constructors", g_log, g_log_n);
    CHECK(ok);
    CHECK(pos(g_log, g_log_n, 1001) < pos(g_log, g_log_n, 1002));
}

TEST("constructor functions receive argc and argv") {
    CHECK_EQ(g_ctor_argc, rt::test::g_argc);
    CHECK(g_ctor_argv == rt::test::g_argv);
}

TEST("at exit: object destructors in reverse construction order, then destructor functions") {
    char out[512];
    auto st = rt::test::in_child_stderr(
        [] {
            g_log_n = 0;
            g_report = true;
            rt::exit(0);
        },
        out);
    CHECK(st.exited() && st.exit_code() == 0);
    int log[LOG_MAX];
    int n = parse(out, log, LOG_MAX);
    CHECK_EQ(n, 12);
    // The unprioritized objects were constructed last, so they are destroyed first.
    static const int plain_objs[] = {DTOR + 1001, DTOR + 1002, DTOR + 2001};
    bool ok = is_set(log, n, 0, plain_objs, 3) && pos(log, n, DTOR + 1002) < pos(log, n, DTOR + 1001);
    static const int prio_objs[] = {DTOR + 500, DTOR + 400, DTOR + 250, DTOR + 200};
    for (int i = 0; ok && i < 4; ++i) ok = n > 3 + i && log[3 + i] == prio_objs[i];
    static const int plain_fini[] = {FINI + 1004, FINI + 2003};
    ok = ok && is_set(log, n, 7, plain_fini, 2);
    static const int prio_fini[] = {FINI + 450, FINI + 300, FINI + 150};
    for (int i = 0; ok && i < 3; ++i) ok = n > 9 + i && log[9 + i] == prio_fini[i];
    if (!ok) {
        dump("destructors", log, n);
        rt::print("# child stderr: {}\n", out);
    }
    CHECK(ok);
}
