// rt::Once: runs a function exactly once, however many threads call at the same time; the
// others wait until it has run, and see its effects. 4 bytes, constexpr-constructible. Calling
// call() again from inside the function deadlocks. (__cxa_guard_abort, below, is how a
// function-local static's initializer that does not complete lets the next caller retry.)
//
//   constinit rt::Once once;
//   once.call([] { init_tables(); });
//
// The same state machine serves the C++ ABI's __cxa_guard_* (function-local statics), so its
// word has the guard's layout: the compilers' inline fast path reads only the byte at the
// lowest address, with acquire ordering.
//   byte 0: 1 once the function has run (DONE);
//   byte 1: 0 idle, 1 one thread runs the function, 2 it runs and others sleep on the word.
// The word only changes as a whole (compare-exchange / exchange), so ABIs without sub-word
// atomics need none; waiters sleep on it as a futex and never spin. Callers after completion
// pay one acquire load.
#pragma once

#include <stdint.h>

#include "rt/sync/futex.h"

namespace rt {

namespace detail {
// True when the function has run (acquire: its effects are visible to the caller).
inline bool once_done(const FutexWord* word) {
    return reinterpret_cast<const Atomic<uint8_t>*>(word)->load(Order::Acquire) != 0;
}
// True for the one caller that must run the function now; false once it has run. Sleeps while
// another thread runs it.
[[gnu::cold]] bool once_begin(FutexWord* word);
// The function ran: marks the word done and wakes the sleepers.
[[gnu::cold]] void once_finish(FutexWord* word);
// The function did not complete (an exception left it): back to idle, a sleeper retries.
[[gnu::cold]] void once_abort(FutexWord* word);
} // namespace detail

class Once {
public:
    constexpr Once() = default;
    Once(const Once&) = delete;
    Once& operator=(const Once&) = delete;

    template <class F> void call(F&& f) {
        if (detail::once_done(&state_)) return;
        if (detail::once_begin(&state_)) {
            f();
            detail::once_finish(&state_);
        }
    }
    bool done() const { return detail::once_done(&state_); }

private:
    FutexWord state_{0};
};
static_assert(sizeof(Once) == 4 && alignof(Once) == 4, "one futex word");

} // namespace rt
