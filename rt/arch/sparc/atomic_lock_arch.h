// The spinlock primitives of rt/builtins/atomic.cpp for 32-bit SPARC V8 code (clang's
// sparc-linux-gnu target), which has no compare-and-swap: V8's only atomic instructions are
// `ldstub` (byte test-and-set) and `swap` (SPARC Architecture Manual V8, B.7/B.8; `cas` is V9,
// or a LEON extension), and LLVM supports no inline atomics for V8 (SparcISelLowering:
// setMaxAtomicSizeInBitsSupported(0) unless V9 or LEON CASA), so every atomic operation of
// such code, of every size, is a call into atomic.cpp and its lock table. The lock is taken
// with `ldstub` on the lock word's first byte and released with `stbar; stb %g0` (a store
// barrier first, for PSO). GCC targets V8+ with -m32 and has a 4-byte compare-and-swap, so
// atomic.cpp uses the generic primitives there and on sparc64.
#pragma once

#include <stdint.h>

namespace rt::arch {

inline bool atomic_lock_try(uint32_t* w) {
    unsigned old;
    asm volatile("ldstub [%1], %0" : "=r"(old) : "r"(w) : "memory");
    return old == 0;
}

inline bool atomic_lock_held(const uint32_t* w) { return *reinterpret_cast<const volatile unsigned char*>(w) != 0; }

inline void atomic_lock_release(uint32_t* w) { asm volatile("stbar\n\tstb %%g0, [%0]" : : "r"(w) : "memory"); }

} // namespace rt::arch
