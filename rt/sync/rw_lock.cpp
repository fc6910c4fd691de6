#include "rt/sync/rw_lock.h"

#include "rt/core/panic.h"

namespace rt {

// Every state_ operation is seq_cst: a writer's "am I alone?" check and a reader's "is a
// writer there?" check must see each other's updates in one total order (a Dekker pattern),
// and the Mutex/Semaphore they also go through give the acquire/release for the data.

bool RwLock::try_lock() {
    if (!mutex_.try_lock()) return false;
    if ((__atomic_load_n(&state_, __ATOMIC_SEQ_CST) & READER_MASK) == 0) {
        __atomic_fetch_or(&state_, IS_WRITING, __ATOMIC_SEQ_CST);
        return true;
    }
    mutex_.unlock();
    return false;
}

void RwLock::lock() {
    __atomic_fetch_add(&state_, WRITER, __ATOMIC_SEQ_CST); // announce: new readers queue now
    mutex_.lock();
    uint32_t s = __atomic_fetch_add(&state_, IS_WRITING - WRITER, __ATOMIC_SEQ_CST);
    // Readers already inside will post the semaphore when the last of them leaves.
    if (s & READER_MASK) semaphore_.wait();
}

void RwLock::unlock() {
    uint32_t s = __atomic_fetch_and(&state_, ~IS_WRITING, __ATOMIC_SEQ_CST);
    if (!(s & IS_WRITING)) panic("rt::RwLock::unlock without holding the lock exclusively");
    mutex_.unlock();
}

bool RwLock::try_lock_shared() {
    uint32_t s = __atomic_load_n(&state_, __ATOMIC_SEQ_CST);
    if ((s & (IS_WRITING | WRITER_MASK)) == 0 &&
        __atomic_compare_exchange_n(&state_, &s, s + READER, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
        return true;
    if (mutex_.try_lock()) {
        __atomic_fetch_add(&state_, READER, __ATOMIC_SEQ_CST);
        mutex_.unlock();
        return true;
    }
    return false;
}

void RwLock::lock_shared() {
    uint32_t s = __atomic_load_n(&state_, __ATOMIC_SEQ_CST);
    while ((s & (IS_WRITING | WRITER_MASK)) == 0)
        if (__atomic_compare_exchange_n(&state_, &s, s + READER, true, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) return;
    // A writer is writing or waiting: queue behind it on the mutex.
    mutex_.lock();
    __atomic_fetch_add(&state_, READER, __ATOMIC_SEQ_CST);
    mutex_.unlock();
}

void RwLock::unlock_shared() {
    uint32_t s = __atomic_fetch_sub(&state_, READER, __ATOMIC_SEQ_CST);
    if ((s & READER_MASK) == 0) {
        __atomic_fetch_add(&state_, READER, __ATOMIC_SEQ_CST);
        panic("rt::RwLock::unlock_shared without a shared lock held");
    }
    // The last reader out lets in the writer that found readers inside.
    if ((s & READER_MASK) == READER && (s & IS_WRITING)) semaphore_.post();
}

} // namespace rt
