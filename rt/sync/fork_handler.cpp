#include "rt/sync/fork_handler.h"

namespace rt::detail {

namespace {
// Newest first. Handlers are only ever added (by the parts of rt that have them, once each).
constinit Atomic<ForkHandler*> g_fork_handlers;
} // namespace

void register_fork_handler(ForkHandler* h) {
    if (h->registered.exchange(1, Order::AcqRel)) return;
    ForkHandler* head = g_fork_handlers.load(Order::Relaxed);
    do h->next = head;
    while (!g_fork_handlers.compare_exchange_weak(head, h, Order::Release, Order::Relaxed));
}

ForkHandler* fork_prepare() {
    ForkHandler* handlers = g_fork_handlers.load(Order::Acquire);
    for (ForkHandler* h = handlers; h; h = h->next) h->prepare();
    return handlers;
}

// Oldest first: the reverse of the list, by recursion (a handful of handlers).
void fork_after(ForkHandler* h, bool child) {
    if (!h) return;
    fork_after(h->next, child);
    (child ? h->child : h->parent)();
}

} // namespace rt::detail
