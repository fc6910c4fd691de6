// Scheduler syscalls.
#pragma once

#include "rt/sys/syscall.h"

namespace rt::sys {

inline Expected<void, Errno> sched_yield() { return syscall<void>(Sys::sched_yield); }

// Fills `mask` (size bytes) with the calling thread's (tid 0) or tid's CPU set; returns the
// number of bytes the kernel wrote. INVAL when `size` is smaller than the kernel's cpumask.
inline Expected<size_t, Errno> sched_getaffinity(int tid, size_t size, void* mask) {
    return syscall<size_t>(Sys::sched_getaffinity, tid, size, mask);
}

} // namespace rt::sys
