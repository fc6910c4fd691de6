// Thread-safe initialization of function-local statics (Itanium C++ ABI §3.3.2; ARM EABI uses
// a 32-bit guard whose bit 0 means done, which is the same first byte on little-endian ARM).
//
// State, in the first 32-bit word of the guard (the compiler's inline fast path only reads
// byte 0, the one at the lowest address, and the whole word is a futex):
//   byte 0: 1 once initialized (what the compiler tests, with acquire ordering);
//   byte 1: 0 idle, 1 an initializer is running, 2 it runs and others sleep on the word.
// The word is only ever changed as a whole (compare-exchange / exchange), so no sub-word
// atomics are needed on ABIs that lack them. Waiters sleep in futex_wait; nobody spins.
#include <stdint.h>

#include "rt/sys/futex.h"

namespace {

enum : uint8_t { IDLE = 0, RUNNING = 1, WAITING = 2 };

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

extern "C" int __cxa_guard_acquire(uint64_t* guard) {
    auto word = reinterpret_cast<uint32_t*>(guard);
    // Acquire: when the object is already initialized, its initialization happens-before us.
    uint32_t w = __atomic_load_n(word, __ATOMIC_ACQUIRE);
    for (;;) {
        if (byte(w, 0)) return 0;
        uint8_t state = byte(w, 1);
        if (state == IDLE) {
            // Claim the initialization; relaxed suffices on success (we publish at release).
            if (__atomic_compare_exchange_n(word, &w, make(0, RUNNING), false, __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE))
                return 1;
            continue;
        }
        if (state == RUNNING &&
            !__atomic_compare_exchange_n(word, &w, make(0, WAITING), false, __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE))
            continue;
        // Sleep while the word says "running, with waiters"; any change wakes or fails fast.
        (void)rt::sys::futex_wait(word, make(0, WAITING));
        w = __atomic_load_n(word, __ATOMIC_ACQUIRE);
    }
}

extern "C" void __cxa_guard_release(uint64_t* guard) {
    auto word = reinterpret_cast<uint32_t*>(guard);
    // Release: publishes the initialized object to every later acquire of the guard.
    uint32_t old = __atomic_exchange_n(word, make(1, IDLE), __ATOMIC_RELEASE);
    if (byte(old, 1) == WAITING) (void)rt::sys::futex_wake(word, 0x7fffffff);
}

extern "C" void __cxa_guard_abort(uint64_t* guard) {
    auto word = reinterpret_cast<uint32_t*>(guard);
    // Back to idle: one of the waiters retries the initialization.
    uint32_t old = __atomic_exchange_n(word, make(0, IDLE), __ATOMIC_RELEASE);
    if (byte(old, 1) == WAITING) (void)rt::sys::futex_wake(word, 0x7fffffff);
}
