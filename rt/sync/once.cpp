#include "rt/sync/once.h"

namespace rt {

bool Once::begin() {
    for (;;) {
        uint32_t s = __atomic_load_n(&state_, __ATOMIC_ACQUIRE);
        if (s == DONE) return false;
        if (s == NEW) {
            if (__atomic_compare_exchange_n(&state_, &s, RUNNING, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) return true;
            continue;
        }
        if (s == RUNNING && !__atomic_compare_exchange_n(&state_, &s, WAITING, false, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
            continue;
        Futex::wait(&state_, WAITING);
    }
}

void Once::finish() {
    // Release: publishes the function's effects to every caller that sees DONE.
    if (__atomic_exchange_n(&state_, DONE, __ATOMIC_RELEASE) == WAITING) Futex::wake(&state_, WAKE_ALL);
}

} // namespace rt
