// Facts about and actions on the calling thread (and thread names of others).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "rt/core/duration.h"
#include "rt/core/errno.h"
#include "rt/core/expected.h"

namespace rt {

// The calling thread's kernel id, without a syscall after the first call (an rt thread reads
// its block's tid word; the main thread caches it, and rt::fork resets the cache).
int current_thread_id();
// CPUs this thread may run on (sched_getaffinity), at least 1.
unsigned cpu_count();
// Gives up the CPU (sched_yield).
void yield();
// Sleeps for `d` of CLOCK_MONOTONIC (sleep_until: until `deadline`), resuming after signal
// handlers; d <= 0 or a deadline that has passed returns at once, Duration::max() or
// Deadline::never() sleeps for good. Panics when the kernel refuses to sleep (clock_nanosleep
// failing with anything but EINTR, as under a seccomp filter that denies it).
void sleep(Duration d);
void sleep_until(Deadline deadline);

enum class NameError {
    NameTooLong, // more than MAX_THREAD_NAME bytes
    Unexpected,  // prctl(PR_SET_NAME / PR_GET_NAME) or /proc/self/task/<id>/comm failed
                 // (no such thread: ENOENT; /proc not mounted)
};
constexpr const char* error_name(NameError e) {
    switch (e) {
    case NameError::NameTooLong: return "NameTooLong";
    case NameError::Unexpected: return "Unexpected";
    }
    return nullptr;
}
inline constexpr size_t MAX_THREAD_NAME = 15; // bytes, without the terminating NUL

// The calling thread's name (prctl PR_SET_NAME / PR_GET_NAME).
Expected<void, NameError> set_name(const char* name);
// Writes the name (NUL-terminated) into out[16].
Expected<void, NameError> get_name(char (&out)[16]);
// Another thread's name, through /proc/self/task/<tid>/comm.
Expected<void, NameError> set_name(int tid, const char* name);
Expected<void, NameError> get_name(int tid, char (&out)[16]);

// fork(): a child process running a copy of the calling thread only (clone with SIGCHLD), with
// the thread-id cache reset in the child. Returns 0 in the child, its pid in the parent.
Expected<int, Errno> fork();

} // namespace rt
