#include "rt/sync/cancel.h"
#include "rt/sync/cancel_points.h"

#include "rt/core/panic.h"
#include "rt/io/panicf.h"
#include "rt/sync/futex.h"
#include "rt/sync/mutex.h"
#include "rt/sys/fd.h"
#include "rt/sys/fs.h"
#include "rt/sys/futex.h"
#include "rt/sys/process.h"
#include "rt/sys/signal.h"
#include "rt/time/clock.h"
#include "uapi.h"

namespace rt {

namespace detail {
thread_local CancelWord* t_cancel_word = nullptr;
} // namespace detail

namespace {

using detail::CANCELING;
using detail::CancelWord;
using detail::t_cancel_word;

constexpr int64_t NS = 1'000'000'000;
// "No deadline" for the kernel: ~35 000 years, which every clock saturates at.
constexpr int64_t FAR_SECONDS = int64_t{1} << 40;

// The timeout of the cancel point the thread is in (null: none). Written by the thread itself,
// read by its signal handler: signal fences order the two, no atomic RMW is needed.
thread_local Atomic<sys::Timespec*> t_cancel_timeout;

// Makes a pending cancel point return at once (see cancel.h). The handler does nothing else:
// interrupting the syscall (EINTR) is the kernel's part.
void on_cancel_signal(int) {
    if (sys::Timespec* t = t_cancel_timeout.load(Order::Relaxed)) {
        t->sec = 0;
        t->nsec = 0;
    }
}

// Entering a cancel point: publish the timeout first, then check the word. A signal before the
// publication finds the word already CANCELING (the canceler wrote it before tgkill); one after
// it zeroes the timeout the syscall is about to read.
bool enter(const CancelWord* w, sys::Timespec* t) {
    t_cancel_timeout.store(t, Order::Relaxed);
    signal_fence(Order::SeqCst);
    if (detail::cancel_word_set(w)) {
        t_cancel_timeout.store(nullptr, Order::Relaxed);
        return false;
    }
    return true;
}

void leave() {
    signal_fence(Order::SeqCst);
    t_cancel_timeout.store(nullptr, Order::Relaxed);
    signal_fence(Order::SeqCst);
}

sys::Timespec absolute(Deadline d) {
    if (d.is_never()) return {FAR_SECONDS, 0};
    // A deadline before the clock's zero has passed; the kernel refuses negative times.
    if (d.ns() < 0) return {0, 0};
    return {d.ns() / NS, d.ns() % NS};
}


[[noreturn, gnu::cold]] void bad_wait(Errno e) { panicf("cancelable futex wait failed: {}", e); }

// As rt::sleep: a valid absolute CLOCK_MONOTONIC sleep fails only with EINTR; anything else
// (a seccomp filter) would spin until the deadline, or for good.
[[noreturn, gnu::cold]] void sleep_failed(Errno e) { panicf("rt::sleep_cancelable: clock_nanosleep failed: {}", e); }

Mutex g_signal_lock;
unsigned g_signal_users;
sys::KernelSigaction g_previous;

} // namespace

bool cancel_requested() { return detail::cancel_word_set(t_cancel_word); }

namespace detail {

WaitStatus futex_wait_cancelable(FutexWord& word, uint32_t expect, Deadline deadline) {
    CancelWord* w = t_cancel_word;
    if (!w) return futex_wait_until(word, expect, deadline, false);
    // FUTEX_WAIT_BITSET: an absolute CLOCK_MONOTONIC timeout, so a zeroed one is in the past.
    sys::Timespec t = absolute(deadline);
    if (!enter(w, &t)) return WaitStatus::Canceled;
    auto r = sys::futex(word.word(), sys::futex_op::WAIT_BITSET | sys::futex_op::PRIVATE_FLAG, expect,
                        &t, nullptr, static_cast<uint32_t>(sys::futex_op::BITSET_MATCH_ANY));
    leave();
    if (cancel_word_set(w)) return WaitStatus::Canceled;
    if (r) return WaitStatus::Woken;
    switch (r.error()) {
    case Errno::INTR:
    case Errno::AGAIN:
        return WaitStatus::Woken;
    case Errno::TIMEDOUT:
        // The handler zeroes the timeout for any cancel signal, also a late one meant for a
        // task that has finished: only the real deadline counts as a timeout.
        return deadline_passed(deadline) ? WaitStatus::TimedOut : WaitStatus::Woken;
    default:
        bad_wait(r.error());
    }
}

WaitStatus futex_wait_until(FutexWord& word, uint32_t expect, Deadline deadline, bool cancelable) {
    if (cancelable) return futex_wait_cancelable(word, expect, deadline);
    return Futex::wait_until(word, expect, deadline) ? WaitStatus::Woken : WaitStatus::TimedOut;
}

void request_cancel(CancelWord* word) {
    // Acq_rel: our writes before the request are visible to the task (it acquires the word),
    // and we see the id the worker published.
    uintptr_t before = word->exchange(CANCELING, Order::AcqRel);
    if (before != CANCEL_NONE && before != CANCELING)
        (void)sys::tgkill(sys::getpid(), static_cast<int>(before), cancel_signal());
}

CancelWord* cancel_begin(CancelWord* word, int tid) {
    uintptr_t none = CANCEL_NONE;
    // Fails only when cancellation came first: the task runs anyway (its result must exist)
    // and finds the word CANCELING at its first cancel point.
    word->compare_exchange(none, static_cast<uintptr_t>(tid), Order::AcqRel, Order::Acquire);
    CancelWord* previous = t_cancel_word;
    t_cancel_word = word;
    return previous;
}

void cancel_end(CancelWord* word, CancelWord* previous, int tid) {
    t_cancel_word = previous;
    // Withdraw the id so that a later request sends no signal to this worker (which may be
    // running another task by then). Fails when the word is CANCELING: it stays so.
    uintptr_t mine = static_cast<uintptr_t>(tid);
    word->compare_exchange(mine, CANCEL_NONE, Order::AcqRel, Order::Relaxed);
}

int cancel_signal() { return static_cast<int>(sys::sig::IO); }

void cancel_signal_acquire() {
    LockGuard<Mutex> g(g_signal_lock);
    if (g_signal_users++ != 0) return;
    // No SA_RESTART: that is what makes blocking syscalls return EINTR. Nothing is blocked
    // while the handler runs (it only stores two words).
    auto r = sys::sigaction(cancel_signal(), reinterpret_cast<void*>(on_cancel_signal), 0, sys::SigSet{}, &g_previous);
    if (!r) panic("rt::Executor: installing the cancel signal's handler failed");
}

void cancel_signal_release() {
    LockGuard<Mutex> g(g_signal_lock);
    if (--g_signal_users != 0) return;
    (void)sys::rt_sigaction(cancel_signal(), &g_previous, nullptr);
}

} // namespace detail

Expected<void, Errno> sleep_cancelable(Duration d) {
    CancelWord* w = t_cancel_word;
    if (detail::cancel_word_set(w)) return unexpected(Errno::CANCELED);
    if (d.ns() <= 0) return {};
    Deadline deadline = deadline_after(d);
    for (;;) {
        // clock_nanosleep with TIMER_ABSTIME: a zeroed deadline has passed.
        sys::Timespec t = absolute(deadline);
        if (w && !enter(w, &t)) return unexpected(Errno::CANCELED);
        auto r = sys::clock_nanosleep(sys::clock::MONOTONIC, sys::clock::ABSTIME, t);
        if (w) leave();
        if (!r && r.error() != Errno::INTR) sleep_failed(r.error());
        if (detail::cancel_word_set(w)) return unexpected(Errno::CANCELED);
        if (deadline_passed(deadline)) return {};
    }
}

Expected<int, Errno> poll_cancelable(sys::PollFd* fds, size_t n, Duration timeout) {
    CancelWord* w = t_cancel_word;
    Deadline deadline = deadline_after(timeout);
    for (;;) {
        // ppoll's timeout is relative: what is left of the deadline.
        sys::Timespec t{FAR_SECONDS, 0};
        if (!deadline.is_never()) {
            int64_t left = deadline.remaining(now(Clock::Monotonic)).ns();
            t = {left / NS, left % NS};
        }
        if (w && !enter(w, &t)) return unexpected(Errno::CANCELED);
        auto r = sys::ppoll(fds, n, &t);
        if (w) leave();
        if (detail::cancel_word_set(w)) return unexpected(Errno::CANCELED);
        if (r && *r > 0) return *r;
        if (!r && r.error() != Errno::INTR) return r;
        if (deadline_passed(deadline)) return 0;
    }
}

namespace {
template <class Transfer> Expected<size_t, Errno> transfer_cancelable(int fd, short event, Transfer transfer) {
    for (;;) {
        sys::PollFd p{fd, event, 0};
        auto ready = poll_cancelable(&p, 1, Duration::max());
        if (!ready) return unexpected(ready.error());
        auto r = transfer();
        if (r) return r;
        if (r.error() != Errno::INTR && r.error() != Errno::AGAIN) return r;
        if (cancel_requested()) return unexpected(Errno::CANCELED);
    }
}
} // namespace

Expected<size_t, Errno> read_cancelable(int fd, void* buf, size_t n) {
    return transfer_cancelable(fd, static_cast<short>(sys::poll::IN), [&] { return sys::read(fd, buf, n); });
}

Expected<size_t, Errno> write_cancelable(int fd, const void* buf, size_t n) {
    return transfer_cancelable(fd, static_cast<short>(sys::poll::OUT), [&] { return sys::write(fd, buf, n); });
}

Expected<size_t, Errno> readv_cancelable(int fd, const sys::Iovec* iov, int count) {
    return transfer_cancelable(fd, static_cast<short>(sys::poll::IN), [&] { return sys::readv(fd, iov, count); });
}

Expected<size_t, Errno> writev_cancelable(int fd, const sys::Iovec* iov, int count) {
    return transfer_cancelable(fd, static_cast<short>(sys::poll::OUT), [&] { return sys::writev(fd, iov, count); });
}

} // namespace rt
