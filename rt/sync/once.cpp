#include "rt/sync/once.h"

namespace rt::detail {

namespace {

enum : uint8_t { IDLE = 0, RUNNING = 1, WAITING = 2 };

// The word's value whose bytes at the lowest addresses are (done, state), on either endianness.
uint32_t make(uint8_t done, uint8_t state) {
    union {
        uint32_t w;
        uint8_t b[4];
    } u{};
    u.b[0] = done;
    u.b[1] = state;
    return u.w;
}
uint8_t byte(uint32_t w, int i) {
    union {
        uint32_t w;
        uint8_t b[4];
    } u{w};
    return u.b[i];
}

} // namespace

bool once_begin(FutexWord* word) {
    // Acquire: when the function has already run, its effects happen-before our return.
    uint32_t w = word->load(Order::Acquire);
    for (;;) {
        if (byte(w, 0)) return false;
        uint8_t state = byte(w, 1);
        if (state == IDLE) {
            // Claim the run. Acquire on failure too: w may then say done.
            if (word->compare_exchange(w, make(0, RUNNING), Order::Acquire, Order::Acquire))
                return true;
            continue;
        }
        if (state == RUNNING &&
            !word->compare_exchange(w, make(0, WAITING), Order::Acquire, Order::Acquire))
            continue;
        // Sleep while the word says "running, with waiters"; any change wakes or fails fast.
        Futex::wait(*word, make(0, WAITING));
        w = word->load(Order::Acquire);
    }
}

void once_finish(FutexWord* word) {
    // Release: publishes the function's effects to every later acquire of the word.
    uint32_t old = word->exchange(make(1, IDLE), Order::Release);
    if (byte(old, 1) == WAITING) Futex::wake(*word, WAKE_ALL);
}

void once_abort(FutexWord* word) {
    // Back to idle; every sleeper wakes and one of them claims the run.
    uint32_t old = word->exchange(make(0, IDLE), Order::Release);
    if (byte(old, 1) == WAITING) Futex::wake(*word, WAKE_ALL);
}

} // namespace rt::detail
