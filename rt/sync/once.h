// rt::Once: runs a function exactly once, however many threads call at the same time.
//   state 0: not run; 1: running; 2: running and others sleep on the word; 3: done.
// Callers after completion pay one acquire load.
#pragma once

#include <stdint.h>

#include "rt/core/traits.h"
#include "rt/sync/futex.h"

namespace rt {

class Once {
public:
    constexpr Once() = default;
    Once(const Once&) = delete;
    Once& operator=(const Once&) = delete;

    template <class F> void call(F&& f) {
        // Acquire: the winner's initialization is visible to every later caller.
        if (__atomic_load_n(&state_, __ATOMIC_ACQUIRE) == DONE) return;
        if (begin()) {
            f();
            finish();
        }
    }
    bool done() const { return __atomic_load_n(&state_, __ATOMIC_ACQUIRE) == DONE; }

private:
    enum : uint32_t { NEW = 0, RUNNING = 1, WAITING = 2, DONE = 3 };
    // True for the one caller that must run the function; false once it has run.
    [[gnu::cold]] bool begin();
    [[gnu::cold]] void finish();
    uint32_t state_ = NEW;
};
static_assert(sizeof(Once) == 4, "one futex word");

} // namespace rt
