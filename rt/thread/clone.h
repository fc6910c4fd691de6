// The two assembly entry points every ABI provides (rt/arch/<family>/clone.S); one prototype
// for all. docs/threads.md has each ABI's argument order and the reasons for each step.
#pragma once

#include <stddef.h>

extern "C" {

// Starts a thread sharing this one's memory: the clone syscall with the kernel's argument order
// for the ABI, `stack_top` as the child's stack (aligned and framed by the stub as the ABI
// requires), `tls` as CLONE_SETTLS's argument, `ptid`/`ctid` for CLONE_PARENT_SETTID and
// CLONE_CHILD_SETTID/CLEARTID. The child calls fn(arg) and ends the thread (exit, not
// exit_group) with its return value; it never returns into the caller's frame.
// Returns the child's tid, or -errno.
long rt_arch_clone(unsigned long flags, void* stack_top, int* ptid, unsigned long tls, int* ctid, int (*fn)(void*),
                   void* arg);

// munmap(base, len), then exit(0), touching no memory in between: a detached thread frees the
// block holding its own stack. The caller blocks every signal and clears its child-tid address
// first (a handler or the kernel's tid clearing would touch the unmapped block).
[[noreturn]] void rt_arch_unmap_and_exit(void* base, size_t len);
}
