// rt::detail's thread-exit hooks for hosted programs (Catch2 tests, benchmarks) whose threads
// are the system's: a thread_local with a destructor runs them when the thread ends.
#include "rt/tls/exit_hooks.h"

namespace rt::detail {

namespace {
struct Hooks {
    ExitHook* head = nullptr;
    void run() {
        while (ExitHook* h = head) {
            head = h->next;
            h->fn(h);
        }
    }
    ~Hooks() { run(); }
};
thread_local Hooks t_hooks;
} // namespace

void at_thread_exit(ExitHook* h) {
    h->next = t_hooks.head;
    t_hooks.head = h;
}

void run_thread_exit_hooks() { t_hooks.run(); }

} // namespace rt::detail
