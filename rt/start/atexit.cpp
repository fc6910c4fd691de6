// The end of the process (rt/start/process.h): rt::exit, the atexit table (also behind
// __cxa_atexit, for global destructors) and fini_array.
#include "rt/start/process.h"

#include "rt/sys/process.h"
#include "rt/tls/exit_hooks.h"

using FiniFn = void (*)();
// Defined by the linker around .fini_array.
extern "C" {
[[gnu::visibility("hidden")]] extern const FiniFn __fini_array_start[];
[[gnu::visibility("hidden")]] extern const FiniFn __fini_array_end[];
}

namespace rt {

namespace {

struct AtexitEntry {
    void (*fn)(void*);
    void* arg;
};
AtexitEntry g_atexit[RT_OPT_ATEXIT_MAX];
unsigned g_atexit_count;

void run_fini() {
    // Handlers may register more handlers; each is taken off the table before it runs.
    while (g_atexit_count > 0) {
        AtexitEntry e = g_atexit[--g_atexit_count];
        e.fn(e.arg);
    }
    for (const FiniFn* f = __fini_array_end; f != __fini_array_start;) (*--f)();
}

bool add_atexit(void (*fn)(void*), void* arg) {
    if (g_atexit_count == RT_OPT_ATEXIT_MAX) return false;
    g_atexit[g_atexit_count++] = AtexitEntry{fn, arg};
    return true;
}

} // namespace

void exit(int code) {
    // The main thread's thread_local destructors run first, as when any other thread ends.
    detail::run_thread_exit_hooks();
    run_fini();
    sys::exit_group(code);
}

bool atexit(void (*f)()) {
    return add_atexit([](void* p) { reinterpret_cast<void (*)()>(p)(); }, reinterpret_cast<void*>(f));
}

} // namespace rt

extern "C" int __cxa_atexit(void (*fn)(void*), void* arg, void* /*dso*/) {
    return rt::add_atexit(fn, arg) ? 0 : -1;
}

extern "C" int atexit(void (*fn)()) { return rt::atexit(fn) ? 0 : -1; }
