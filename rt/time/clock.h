// rt::now: a 64-bit nanosecond timestamp on every ABI, from the vDSO's clock_gettime where the
// kernel maps one (no syscall), from the clock_gettime(64) syscall otherwise.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "rt/core/duration.h"

namespace rt {

enum class Clock {
    Monotonic,   // since an arbitrary point, never jumps; stops while suspended
    Realtime,    // wall clock: nanoseconds since 1970-01-01 UTC
    Boottime,    // like Monotonic, but counts time suspended
    ProcessCpu,  // CPU time of the whole process
    ThreadCpu,   // CPU time of the calling thread
};

// Nanoseconds. Panics if the kernel rejects the clock (only a kernel older than 2.6.39 lacks
// any of these).
int64_t now(Clock c);

// The deadline of a wait of `d` from now, by the rule of rt/core/duration.h.
inline Deadline deadline_after(Duration d) { return Deadline::after(now(Clock::Monotonic), d); }
// Whether `d` has passed (never() never does).
inline bool deadline_passed(Deadline d) { return !d.is_never() && d.passed(now(Clock::Monotonic)); }

// Whether now() goes through the vDSO (false: through the syscall).
bool vdso_time_available();

namespace detail {
// Looks `name`@`version` up in the vDSO image at `ehdr` (AT_SYSINFO_EHDR); nullptr if absent.
void* vdso_lookup(unsigned long ehdr, const char* name, const char* version);
// The same with DT_HASH entries of `hash_word` bytes (4, or 8 as on s390x; vdso_lookup passes
// the ABI's: arch::ElfHashWord). For tests of both layouts on one machine.
void* vdso_lookup_hash(unsigned long ehdr, const char* name, const char* version, size_t hash_word);
} // namespace detail

} // namespace rt
