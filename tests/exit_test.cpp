// Run by tests/exit_status.py: main's return value (or rt::exit's argument) must become the
// process's exit status, after atexit handlers, destructors of globals and fini_array ran —
// which this program reports on stdout, in the order they ran.
#include "rt/io/print.h"
#include "rt/start/process.h"

namespace {
int parse(const char* s) {
    int v = 0;
    bool neg = *s == '-';
    if (neg) ++s;
    while (*s >= '0' && *s <= '9') v = v * 10 + (*s++ - '0');
    return neg ? -v : v;
}

struct Global {
    ~Global() { rt::print("global-dtor\n"); }
};
Global g_global;

void fini() { rt::print("fini-array\n"); }
[[gnu::used, gnu::section(".fini_array")]] void (*const g_fini_entry)() = fini;
} // namespace

int main(int argc, char** argv, char**) {
    if (argc < 3) {
        rt::eprint("usage: exit_test return|exit <code>\n");
        return 100;
    }
    rt::atexit([] { rt::print("atexit-1\n"); });
    rt::atexit([] { rt::print("atexit-2\n"); });
    int code = parse(argv[2]);
    if (argv[1][0] == 'e') rt::exit(code);
    return code;
}
