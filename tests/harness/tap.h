// A tiny TAP producer for the freestanding tests (meson test protocol 'tap').
//
//   TEST("close(-1) fails with EBADF") { CHECK_EQ(rt::sys::close(-1).error(), rt::Errno::BADF); }
//
// Cases register themselves from static constructors (so a broken init_array shows up as
// "no test cases", which fails), run in definition order, and report "ok N - name" or
// "not ok N - name" with the failed checks as TAP diagnostics.
#pragma once

#include "rt/io/print.h"

namespace rt::test {

struct Case {
    const char* name;
    void (*fn)();
    Case* next;
};

struct Registrar {
    Registrar(Case* c);
};

// main's arguments, as the harness's main received them.
extern int g_argc;
extern char** g_argv;
extern char** g_envp;

void note_failure(const char* file, int line, const char* what);
bool current_failed();

// Marks the current case skipped ("ok N - name # SKIP reason"). Only for a limitation of the
// system under test that is not bedrock's, and never to hide a failure.
void skip(const char* reason);

// True when the tests run under a user-mode emulator (meson passes the cross file's runner as
// BEDROCK_RUNNER); a skip may depend on it, a pass never does.
bool under_emulator();

// QEMU's i386 user-mode emulation keeps one guest GDT for all threads: each clone's
// CLONE_SETTLS rewrites the one TLS descriptor every thread's %gs selects, and returning from
// a signal handler reloads %gs's base from it (QEMU linux-user/i386/signal.c restore_sigcontext:
// cpu_x86_load_seg(env, R_GS, sc->gs)), so a thread that handled a signal continues with the
// thread pointer of whichever thread was created last. A real kernel keeps the TLS descriptors
// per thread (arch/x86/kernel/tls.c, switched by load_TLS at every context switch); scripts/test
// runs the affected tests natively on i386 too (HOST32). True when a test that signals threads
// other than the main one must skip for this reason; it then marks the case skipped.
inline bool skip_if_emulator_breaks_thread_signals() {
#if defined(__i386__)
    if (under_emulator()) {
        skip("QEMU i386 shares one GDT TLS descriptor among threads; sigreturn reloads %gs from it");
        return true;
    }
#endif
    return false;
}

template <class A, class B>
bool check_eq(const A& a, const B& b, const char* file, int line, const char* ea, const char* eb) {
    if (a == b) return true;
    char msg[512];
    if constexpr (requires { rt::fmt::make_arg(a); rt::fmt::make_arg(b); })
        rt::format_to(msg, sizeof msg, "{} == {} (got {} vs {})", ea, eb, a, b);
    else
        rt::format_to(msg, sizeof msg, "{} == {}", ea, eb);
    note_failure(file, line, msg);
    return false;
}

} // namespace rt::test

#define RT_TEST_CAT2(a, b) a##b
#define RT_TEST_CAT(a, b) RT_TEST_CAT2(a, b)
#define RT_TEST_IMPL(name, id)                                                                          \
    static void RT_TEST_CAT(rt_test_fn_, id)();                                                       \
    static ::rt::test::Case RT_TEST_CAT(rt_test_case_, id){name, &RT_TEST_CAT(rt_test_fn_, id), nullptr}; \
    static ::rt::test::Registrar RT_TEST_CAT(rt_test_reg_, id){&RT_TEST_CAT(rt_test_case_, id)};      \
    static void RT_TEST_CAT(rt_test_fn_, id)()
#define TEST(name) RT_TEST_IMPL(name, __COUNTER__)

#define CHECK(cond) ((cond) ? true : (::rt::test::note_failure(__FILE__, __LINE__, #cond), false))
#define CHECK_EQ(a, b) ::rt::test::check_eq((a), (b), __FILE__, __LINE__, #a, #b)
// REQUIRE*: stop the case at the first failure.
#define REQUIRE(cond) do { if (!CHECK(cond)) return; } while (0)
#define REQUIRE_EQ(a, b) do { if (!CHECK_EQ(a, b)) return; } while (0)
