#include "rt/tls/exit_hooks.h"

namespace rt::detail {

namespace {
thread_local ExitHook* t_hooks = nullptr;
}

void at_thread_exit(ExitHook* h) {
    h->next = t_hooks;
    t_hooks = h;
}

void run_thread_exit_hooks() {
    while (ExitHook* h = t_hooks) {
        t_hooks = h->next;
        h->fn(h);
    }
}

} // namespace rt::detail
