// Compare-and-swap sizes that an ABI has on some CPUs only, so that rt/builtins/atomic.cpp
// decides at run time whether an object of that size is lock-free. Generic: none — a size is
// either always inline (the compiler's __GCC_HAVE_SYNC_COMPARE_AND_SWAP_N) or never. An arch
// whose CPUs differ specializes RuntimeCas<N> in its own atomic_cas_arch.h (searched before
// this folder, meson.build rt_inc).
#pragma once

#include <stddef.h>

namespace rt::arch {

template <size_t N> struct RuntimeCas {
    static constexpr bool SOME_CPUS = false;
};

} // namespace rt::arch
