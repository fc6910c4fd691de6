// Per-thread exit hooks for rt's own per-thread state (the allocator's block cache): run by
// the thread layer when a thread finishes, most recently registered first. Intrusive, so
// registering allocates nothing and cannot fail; a hook is registered at most once per thread
// by its owner.
#pragma once

namespace rt::detail {

struct ExitHook {
    void (*fn)(ExitHook*);
    ExitHook* next;
};

// Registers `h` for the calling thread; h must live until the thread exits (thread_local).
void at_thread_exit(ExitHook* h);
// Runs and forgets the calling thread's hooks; hooks registered while running also run.
void run_thread_exit_hooks();

} // namespace rt::detail
