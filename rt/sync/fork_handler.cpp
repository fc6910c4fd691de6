#include "rt/sync/fork_handler.h"

namespace rt::detail {

namespace {
// Newest first. Handlers are only ever added (by the parts of rt that have them, once each).
ForkHandler* g_fork_handlers = nullptr;
} // namespace

void register_fork_handler(ForkHandler* h) {
    if (__atomic_exchange_n(&h->registered, 1, __ATOMIC_ACQ_REL)) return;
    ForkHandler* head = __atomic_load_n(&g_fork_handlers, __ATOMIC_RELAXED);
    do h->next = head;
    while (!__atomic_compare_exchange_n(&g_fork_handlers, &head, h, true, __ATOMIC_RELEASE, __ATOMIC_RELAXED));
}

ForkHandler* fork_prepare() {
    ForkHandler* handlers = __atomic_load_n(&g_fork_handlers, __ATOMIC_ACQUIRE);
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
