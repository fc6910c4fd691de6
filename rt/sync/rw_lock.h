// rt::RwLock: many readers or one writer, constexpr-constructible. Writers are not starved: a
// reader that arrives while a writer waits queues behind it. Not recursive (a reader that
// locks again while a writer waits deadlocks); at most 65535 readers inside and 32767 writers
// waiting at once. Unlocking what is not locked panics.
//
//   rt::RwLock lock;
//   { rt::SharedGuard g(lock); read(table); }     // lock_shared / unlock_shared
//   { rt::LockGuard g(lock); write(table); }      // lock / unlock
//
// The design of Zig's std.Thread.RwLock (DefaultRwLock): a state word, a Mutex that writers
// hold while writing and that readers pass through whenever a writer is pending, and a
// Semaphore on which a writer waits for the readers already inside to leave.
//   state_ bit 0:      a writer holds the lock (IS_WRITING)
//          bits 1-15:  writers waiting for the mutex (WRITER each; at most 32767)
//          bits 16-31: readers inside (READER each; at most 65535)
// A reader enters with one compare-exchange while no writer is writing or waiting; otherwise
// it queues on the mutex behind the writers, which is what keeps writers from starving.
#pragma once

#include <stdint.h>

#include "rt/sync/mutex.h"
#include "rt/sync/semaphore.h"

namespace rt {

class RwLock {
public:
    constexpr RwLock() = default;
    RwLock(const RwLock&) = delete;
    RwLock& operator=(const RwLock&) = delete;

    bool try_lock();
    void lock();
    void unlock();
    bool try_lock_shared();
    void lock_shared();
    void unlock_shared();

private:
    static constexpr uint32_t IS_WRITING = 1, WRITER = 1u << 1, READER = 1u << 16;
    static constexpr uint32_t WRITER_MASK = 0x7fffu << 1, READER_MASK = 0xffffu << 16;
    FutexWord state_{0};
    Mutex mutex_;
    Semaphore semaphore_;
};

template <class L> class SharedGuard {
public:
    explicit SharedGuard(L& l) : l_(l) { l_.lock_shared(); }
    ~SharedGuard() { l_.unlock_shared(); }
    SharedGuard(const SharedGuard&) = delete;
    SharedGuard& operator=(const SharedGuard&) = delete;

private:
    L& l_;
};

} // namespace rt
