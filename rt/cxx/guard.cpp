// Thread-safe initialization of function-local statics (Itanium C++ ABI §3.3.2; ARM EABI uses
// a 32-bit guard whose bit 0 means done, the same first byte on little-endian ARM): the
// rt::Once state machine on the guard's first 32-bit word (rt/sync/once.h has the encoding).
#include <stdint.h>

#include "rt/sync/once.h"

extern "C" int __cxa_guard_acquire(uint64_t* guard) {
    return rt::detail::once_begin(reinterpret_cast<rt::FutexWord*>(guard)) ? 1 : 0;
}

extern "C" void __cxa_guard_release(uint64_t* guard) { rt::detail::once_finish(reinterpret_cast<rt::FutexWord*>(guard)); }

extern "C" void __cxa_guard_abort(uint64_t* guard) { rt::detail::once_abort(reinterpret_cast<rt::FutexWord*>(guard)); }
