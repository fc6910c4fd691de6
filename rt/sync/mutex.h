// rt::Mutex: mutual exclusion, one futex word (4 bytes), constexpr-constructible (a global
// needs no constructor). Not recursive: a thread that locks a mutex it holds deadlocks. No
// owner is recorded: any thread may unlock a locked mutex (the contract of a binary semaphore);
// unlocking one that is not locked panics. lock_cancelable is lock as a cancel point
// (Errno::CANCELED, without the lock, when the executor task is canceled while it waits).
//
//   constinit rt::Mutex m;
//   { rt::LockGuard g(m); shared += 1; }        // or m.lock(); ... m.unlock();
//
// The state word (Drepper, "Futexes Are Tricky", mutex #3):
//   0: unlocked; 1: locked, nobody waits; 2: locked, waiters may sleep on the word.
// lock: one compare-exchange when uncontended; otherwise a short spin, then the state is
// forced to 2 and the thread sleeps until an unlock hands the word back.
// unlock: one atomic decrement; a futex wake only when the state said "waiters". Unlocking
// a mutex nobody holds is detected in the slow path, at no cost to the fast one.
#pragma once

#include <stdint.h>

#include "rt/sync/cancel.h"
#include "rt/sync/futex.h"

namespace rt {

class Mutex {
public:
    constexpr Mutex() = default;
    Mutex(const Mutex&) = delete;
    Mutex& operator=(const Mutex&) = delete;

    void lock() {
        uint32_t expected = 0;
        // Acquire: what the previous owner wrote before unlocking is visible to us.
        if (!state_.compare_exchange(expected, 1, Order::Acquire, Order::Relaxed))
            lock_slow();
    }
    // lock as a cancel point of an executor task (rt/sync/cancel.h): Canceled, without the
    // lock, when the task is canceled while it waits. lock() is the uncancelable form.
    Expected<void, Errno> lock_cancelable() {
        uint32_t expected = 0;
        if (state_.compare_exchange(expected, 1, Order::Acquire, Order::Relaxed)) return {};
        return lock_cancelable_slow();
    }
    bool try_lock() {
        uint32_t expected = 0;
        return state_.compare_exchange(expected, 1, Order::Acquire, Order::Relaxed);
    }
    void unlock() {
        // Release: publishes the critical section to the next owner.
        uint32_t before = state_.fetch_sub(1, Order::Release);
        if (before != 1) unlock_slow(before);
    }

private:
    [[gnu::cold]] void lock_slow();
    [[gnu::cold]] Expected<void, Errno> lock_cancelable_slow();
    [[gnu::cold]] void unlock_slow(uint32_t before);
    friend class Condition;
    FutexWord state_{0};
};
static_assert(sizeof(Mutex) == 4 && alignof(Mutex) == 4, "a Mutex is one futex word");

template <class M> class LockGuard {
public:
    explicit LockGuard(M& m) : m_(m) { m_.lock(); }
    ~LockGuard() { m_.unlock(); }
    LockGuard(const LockGuard&) = delete;
    LockGuard& operator=(const LockGuard&) = delete;

private:
    M& m_;
};

template <class M> class UniqueLock {
public:
    explicit UniqueLock(M& m) : m_(&m), owns_(true) { m_->lock(); }
    ~UniqueLock() {
        if (owns_) m_->unlock();
    }
    UniqueLock(const UniqueLock&) = delete;
    UniqueLock& operator=(const UniqueLock&) = delete;
    void lock() {
        m_->lock();
        owns_ = true;
    }
    void unlock() {
        m_->unlock();
        owns_ = false;
    }
    bool owns_lock() const { return owns_; }
    M* mutex() const { return m_; }

private:
    M* m_;
    bool owns_;
};

} // namespace rt
