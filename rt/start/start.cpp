// The C++ half of process start-up. crt's _start (assembly, per ABI) finds the initial stack
// pointer and calls __bedrock_start with it, with the stack aligned for a call.
//
// Initial stack, as the kernel builds it (fs/binfmt_elf.c, create_elf_tables):
//   sp[0] argc | argv[0..argc-1] | NULL | envp[...] | NULL | auxv (type, value)... AT_NULL
#include "rt/start/process.h"

#include "rt/core/panic.h"
#include "rt/sys/process.h"
#include "uapi.h"

// The user's main, reached through its symbol names (C++ forbids naming `main` in a call).
// clang gives main C++ linkage under -ffreestanding (a freestanding implementation need not
// treat main specially), so the mangled names of its three forms are looked for as well as
// plain `main`, which GCC and hosted compilers emit. Weak, so the missing forms link as null.
using MainFn = int (*)(int, char**, char**);
[[gnu::weak]] int main_c(int, char**, char**) asm("main");
[[gnu::weak]] int main_envp(int, char**, char**) asm("_Z4mainiPPcS0_");
[[gnu::weak]] int main_argv(int, char**) asm("_Z4mainiPPc");
[[gnu::weak]] int main_void() asm("_Z4mainv");

using InitFn = void (*)(int, char**, char**);
using FiniFn = void (*)();
// Defined by the linker (GNU ld's default script, lld) around the sections of the same name.
extern "C" {
[[gnu::visibility("hidden")]] extern const InitFn __preinit_array_start[];
[[gnu::visibility("hidden")]] extern const InitFn __preinit_array_end[];
[[gnu::visibility("hidden")]] extern const InitFn __init_array_start[];
[[gnu::visibility("hidden")]] extern const InitFn __init_array_end[];
[[gnu::visibility("hidden")]] extern const FiniFn __fini_array_start[];
[[gnu::visibility("hidden")]] extern const FiniFn __fini_array_end[];
// Identifies this executable to __cxa_atexit (there are no shared objects to tell apart).
[[gnu::visibility("hidden")]] void* __dso_handle = &__dso_handle;
}

namespace rt {

namespace {
ProcessInfo g_process;

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

const ProcessInfo& process() { return g_process; }

unsigned long auxv(unsigned long type) {
    for (unsigned long* a = g_process.auxv; a && a[0] != 0 /* AT_NULL */; a += 2)
        if (a[0] == type) return a[1];
    return 0;
}

const char* getenv(const char* name) {
    if (!name || !g_process.envp) return nullptr;
    for (char** e = g_process.envp; *e; ++e) {
        const char* a = name;
        const char* b = *e;
        while (*a && *a == *b) ++a, ++b;
        if (*a == 0 && *b == '=') return b + 1;
    }
    return nullptr;
}

void exit(int code) {
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

extern "C" [[noreturn]] void __cxa_pure_virtual() { rt::panic("pure virtual function called"); }

extern "C" [[noreturn, gnu::used]] void __bedrock_start(long* sp) {
    int argc = static_cast<int>(sp[0]);
    char** argv = reinterpret_cast<char**>(sp + 1);
    char** envp = argv + argc + 1;
    char** e = envp;
    while (*e) ++e;
    rt::g_process = rt::ProcessInfo{argc, argv, envp, reinterpret_cast<unsigned long*>(e + 1)};

    // Issue 3 adds here, before any constructor: self-relocation for static PIE, the main
    // thread's TLS and thread pointer, and the stack-protector canary.

    for (const InitFn* f = __preinit_array_start; f != __preinit_array_end; ++f) (*f)(argc, argv, envp);
    for (const InitFn* f = __init_array_start; f != __init_array_end; ++f) (*f)(argc, argv, envp);
    int code;
    if (main_c) code = main_c(argc, argv, envp);
    else if (main_envp) code = main_envp(argc, argv, envp);
    else if (main_argv) code = main_argv(argc, argv);
    else if (main_void) code = main_void();
    else rt::panic("the program defines no main function");
    rt::exit(code);
}
