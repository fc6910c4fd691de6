// What rt/builtins/atomic.cpp offers beyond the compilers' library calls.
#pragma once

namespace rt::detail {

// The lock table of the atomic operations done under a lock (sizes and ABIs without an
// instruction: docs/abi.md). rt::fork holds every lock across the clone, so that none is held
// in the child by a thread that does not exist there.
void atomic_locks_acquire_all();
void atomic_locks_release_all();

} // namespace rt::detail
