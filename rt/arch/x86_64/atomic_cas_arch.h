// x86-64's 16-byte compare-and-swap, CMPXCHG16B: not in the base ISA (the first x86-64 CPUs
// lack it), present when CPUID leaf 01H reports ECX bit 13 (Intel SDM vol. 2A, CPUID, "CX16";
// AMD APM vol. 3, CPUID Fn0000_0001_ECX). Code compiled with -mcx16 (or -march=x86-64-v2 and
// above, -march=native) does 16-byte atomics inline with it — clang for every __atomic and
// __sync builtin, GCC 12 for the __sync ones — so bedrock's library must use the same
// instruction on the same objects wherever the CPU has it, or inline and library updates would
// not exclude each other (libatomic decides the same way, at load time). docs/abi.md.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace rt::arch {

template <size_t N> struct RuntimeCas {
    static constexpr bool SOME_CPUS = false;
};

inline int g_cx16_known = 0; // 0: not asked yet, 1: absent, 2: present

template <> struct RuntimeCas<16> {
    static constexpr bool SOME_CPUS = true;

    // Racing first calls ask CPUID alike and store the same answer.
    static bool available() {
        int k = __atomic_load_n(&g_cx16_known, __ATOMIC_RELAXED);
        if (k == 0) {
            uint32_t a = 1, b, c = 0, d;
            asm volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
            k = (c >> 13 & 1) != 0 ? 2 : 1;
            __atomic_store_n(&g_cx16_known, k, __ATOMIC_RELAXED);
        }
        return k == 2;
    }

    // Returns the value before; stores desired if it was expected. The lock prefix makes it a
    // full barrier (sequentially consistent). p is 16-byte aligned (CMPXCHG16B faults otherwise).
    static unsigned __int128 cas(volatile void* p, unsigned __int128 expected, unsigned __int128 desired) {
        uint64_t lo = static_cast<uint64_t>(expected), hi = static_cast<uint64_t>(expected >> 64);
        asm volatile("lock cmpxchg16b %0"
                     : "+m"(*static_cast<volatile unsigned __int128*>(p)), "+a"(lo), "+d"(hi)
                     : "b"(static_cast<uint64_t>(desired)), "c"(static_cast<uint64_t>(desired >> 64))
                     : "memory", "cc");
        return static_cast<unsigned __int128>(hi) << 64 | lo;
    }
};

} // namespace rt::arch
