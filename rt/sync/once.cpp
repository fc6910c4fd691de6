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

bool once_begin(uint32_t* word) {
    // Acquire: when the function has already run, its effects happen-before our return.
    uint32_t w = __atomic_load_n(word, __ATOMIC_ACQUIRE);
    for (;;) {
        if (byte(w, 0)) return false;
        uint8_t state = byte(w, 1);
        if (state == IDLE) {
            // Claim the run. Acquire on failure too: w may then say done.
            if (__atomic_compare_exchange_n(word, &w, make(0, RUNNING), false, __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE))
                return true;
            continue;
        }
        if (state == RUNNING &&
            !__atomic_compare_exchange_n(word, &w, make(0, WAITING), false, __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE))
            continue;
        // Sleep while the word says "running, with waiters"; any change wakes or fails fast.
        Futex::wait(word, make(0, WAITING));
        w = __atomic_load_n(word, __ATOMIC_ACQUIRE);
    }
}

void once_finish(uint32_t* word) {
    // Release: publishes the function's effects to every later acquire of the word.
    uint32_t old = __atomic_exchange_n(word, make(1, IDLE), __ATOMIC_RELEASE);
    if (byte(old, 1) == WAITING) Futex::wake(word, WAKE_ALL);
}

void once_abort(uint32_t* word) {
    // Back to idle; every sleeper wakes and one of them claims the run.
    uint32_t old = __atomic_exchange_n(word, make(0, IDLE), __ATOMIC_RELEASE);
    if (byte(old, 1) == WAITING) Futex::wake(word, WAKE_ALL);
}

} // namespace rt::detail
