#include "rt/sync/rw_lock.h"

#include "rt/core/panic.h"

namespace rt {

// Every state_ operation is seq_cst: a writer's "am I alone?" check and a reader's "is a
// writer there?" check must see each other's updates in one total order (a Dekker pattern),
// and the Mutex/Semaphore they also go through give the acquire/release for the data.

bool RwLock::try_lock() {
    if (!mutex_.try_lock()) return false;
    if ((state_.load(Order::SeqCst) & READER_MASK) == 0) {
        state_.fetch_or(IS_WRITING, Order::SeqCst);
        return true;
    }
    mutex_.unlock();
    return false;
}

void RwLock::lock() {
    state_.fetch_add(WRITER, Order::SeqCst); // announce: new readers queue now
    mutex_.lock();
    uint32_t s = state_.fetch_add(IS_WRITING - WRITER, Order::SeqCst);
    // Readers already inside will post the semaphore when the last of them leaves.
    if (s & READER_MASK) semaphore_.wait();
}

void RwLock::unlock() {
    uint32_t s = state_.fetch_and(~IS_WRITING, Order::SeqCst);
    if (!(s & IS_WRITING)) panic("rt::RwLock::unlock without holding the lock exclusively");
    mutex_.unlock();
}

bool RwLock::try_lock_shared() {
    uint32_t s = state_.load(Order::SeqCst);
    if ((s & (IS_WRITING | WRITER_MASK)) == 0 &&
        state_.compare_exchange(s, s + READER, Order::SeqCst, Order::SeqCst))
        return true;
    if (mutex_.try_lock()) {
        state_.fetch_add(READER, Order::SeqCst);
        mutex_.unlock();
        return true;
    }
    return false;
}

void RwLock::lock_shared() {
    uint32_t s = state_.load(Order::SeqCst);
    while ((s & (IS_WRITING | WRITER_MASK)) == 0)
        if (state_.compare_exchange_weak(s, s + READER, Order::SeqCst, Order::SeqCst)) return;
    // A writer is writing or waiting: queue behind it on the mutex.
    mutex_.lock();
    state_.fetch_add(READER, Order::SeqCst);
    mutex_.unlock();
}

void RwLock::unlock_shared() {
    uint32_t s = state_.fetch_sub(READER, Order::SeqCst);
    if ((s & READER_MASK) == 0) {
        state_.fetch_add(READER, Order::SeqCst);
        panic("rt::RwLock::unlock_shared without a shared lock held");
    }
    // The last reader out lets in the writer that found readers inside.
    if ((s & READER_MASK) == READER && (s & IS_WRITING)) semaphore_.post();
}

} // namespace rt
