// What rt::fork does for the runtime's own state (docs/threads.md, "fork"). The child of a
// fork has one thread, a copy of the caller; every other thread's locks and caches are copied
// in whatever state they were. A part of the runtime with locks that its callers may need in
// the child registers a handler, once, before it first takes them:
//
//   detail::ForkHandler g_fork{.prepare = lock_all, .parent = unlock_all, .child = unlock_all};
//   detail::register_fork_handler(&g_fork);   // idempotent, lock-free
//
// rt::fork runs every prepare (newest registration first) before the clone, so that no lock
// is held by another thread at that moment, and then parent or child (oldest first) in the
// parent and in the child. A handler must not fork, and must not take a lock of a handler
// registered after it in a way that inverts their order.
#pragma once

namespace rt::detail {

struct ForkHandler {
    void (*prepare)();
    void (*parent)();
    void (*child)();
    ForkHandler* next = nullptr;
    int registered = 0;
};

void register_fork_handler(ForkHandler* h);

// rt::fork's steps: every prepare, returning the handlers it ran; then their parent or child.
ForkHandler* fork_prepare();
void fork_after(ForkHandler* handlers, bool child);

} // namespace rt::detail
