// Cancel points besides the rt/sync waits (Mutex::lock_cancelable, Condition::wait_cancelable,
// ResetEvent::wait_cancelable, Semaphore::wait_cancelable): sleep, poll, read and write that
// return early when the executor task running them is canceled (rt/sync/cancel.h). Outside a
// task they are the plain operations.
//
//   auto n = rt::read_cancelable(fd, buf, sizeof buf);
//   if (!n && n.error() == rt::Errno::CANCELED) return; // the task was canceled
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "rt/core/errno.h"
#include "rt/core/expected.h"
#include "rt/sync/cancel.h"
#include "rt/sys/fd.h"
#include "rt/sys/poll.h"

namespace rt {

// Sleeps for `d` of CLOCK_MONOTONIC, or until the task is canceled.
Expected<void, Errno> sleep_cancelable(Duration d);
// poll for at most `timeout` (the rule of rt/core/duration.h: <= 0 polls once, Duration::max()
// has no limit); the count of ready entries, 0 on timeout, Errno::CANCELED when the task is
// canceled. A signal does not end the wait early.
Expected<int, Errno> poll_cancelable(sys::PollFd* fds, size_t n, Duration timeout);
// read/write that wait (poll) until the descriptor is ready, then transfer; Errno::CANCELED
// when the task is canceled before data moved. A transfer that blocks after poll said ready
// (another reader took the data) is still interrupted by the cancel signal.
Expected<size_t, Errno> read_cancelable(int fd, void* buf, size_t n);
Expected<size_t, Errno> write_cancelable(int fd, const void* buf, size_t n);
// The same with several buffers (readv, writev).
Expected<size_t, Errno> readv_cancelable(int fd, const sys::Iovec* iov, int count);
Expected<size_t, Errno> writev_cancelable(int fd, const sys::Iovec* iov, int count);

} // namespace rt
