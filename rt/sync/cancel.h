// Cancellation of executor tasks, and the blocking waits it interrupts (the protocol of Zig's
// Io.Threaded; docs/executor.md). The cancel points besides the rt/sync waits (sleep, poll, read,
// write) are in rt/sync/cancel_points.h.
//
// Every task an rt::Executor queues has a cancel word:
//   CANCEL_NONE (0):   not running (queued, or finished);
//   a thread id:       running on that worker;
//   CANCELING (~0):    cancellation requested; the word stays so.
// request_cancel exchanges the word with CANCELING and, when it held a thread id, sends that
// worker CANCEL_SIGNAL with tgkill. The handler is installed without SA_RESTART, so a blocking
// syscall the worker is in returns EINTR.
//
// A cancel point checks the word, then enters the kernel. A signal that lands between the two
// would be lost, and the wait would block for good (Zig's Io.Threaded futexWait has this window). Here
// every cancelable wait passes the kernel a timeout that lives in memory, and while a thread is
// inside a cancel point the handler sets that timeout to zero: a syscall that has not started yet
// returns at once, and the cancel point sees CANCELING when it checks again.
//
// Every cancel point reports cancellation the same way: Errno::CANCELED (the kernel's
// ECANCELED), whether it is a futex wait or an operation on a descriptor (docs/conventions.md).
//
// Threads that are not running an executor task (the main thread, plain rt::Threads) have no
// cancel word: their cancelable waits are plain waits and cancel_requested() is false.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "rt/core/atomic.h"
#include "rt/core/duration.h"
#include "rt/core/errno.h"
#include "rt/core/expected.h"

namespace rt {

// Inside an executor task: whether its cancellation has been requested.
bool cancel_requested();

namespace detail {

// A task's cancel word (see the top), and a futex word (rt/sync/futex.h's FutexWord, repeated
// here so that the waits below need nothing of futex.h).
using CancelWord = Atomic<uintptr_t>;
using FutexWord = Atomic<uint32_t>;

inline constexpr uintptr_t CANCEL_NONE = 0;
inline constexpr uintptr_t CANCELING = ~uintptr_t{0};

// The cancel word of the task the calling thread runs (null: none).
extern thread_local CancelWord* t_cancel_word;

inline bool cancel_word_set(const CancelWord* w) {
    // Acquire: what the canceler did before requesting is visible to the canceled task.
    return w && w->load(Order::Acquire) == CANCELING;
}

enum class WaitStatus : uint8_t { Woken, TimedOut, Canceled };
// A futex wait while *word == expect, as a cancel point, until `deadline`. Woken may be
// spurious: callers re-check their condition.
WaitStatus futex_wait_cancelable(FutexWord& word, uint32_t expect, Deadline deadline = Deadline::never());
// The one wait under every primitive's slow path (Mutex, Condition, ResetEvent, Semaphore,
// Group): futex_wait_cancelable when `cancelable`, else a plain futex wait until the deadline,
// which cancellation does not end.
WaitStatus futex_wait_until(FutexWord& word, uint32_t expect, Deadline deadline, bool cancelable);

// Requests cancellation of the task whose cancel word this is (idempotent).
void request_cancel(CancelWord* word);
// Around a task on a worker: publishes the worker's id in the word (unless cancellation came
// first: the task still runs, and sees it) and makes the word the thread's current one.
CancelWord* cancel_begin(CancelWord* word, int tid);
void cancel_end(CancelWord* word, CancelWord* previous, int tid);

// The signal and its handler are installed while at least one executor exists; the last
// release puts back the disposition that was there before.
int cancel_signal();
void cancel_signal_acquire();
void cancel_signal_release();

} // namespace detail
} // namespace rt
