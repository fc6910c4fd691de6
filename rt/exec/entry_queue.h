// rt::detail::EntryQueue: the unbounded FIFO of 64-byte entries under rt::Executor and rt::Pool
// (rt/exec/queue.h), with the protocol its idle workers sleep by. Not for direct use.
//
//   EntryQueue q;                      // constexpr; blocks are allocated by the first push
//   if (!q.push(e)) ...                // out of memory: nothing queued
//   q.wake_one();                      // after a push: wakes an idle worker if one needs it
//   // a worker:
//   while (q.pop(&e, &current)) run(e);
//   uint32_t epoch = q.idle_begin();   // counted in as idle
//   if (!q.pop(&e, &current)) q.idle_wait(epoch);
//   q.idle_end();
//
// Entries live in a linked list of 4 KiB blocks of 63 slots. Producers append under
// `push_lock_`, workers take from the front under `pop_lock_`: the two ends never share a lock
// or a cache line, so a producer and a worker each touch only the slot that passes between
// them — a slot's `ready` word hands it over (1 from the moment the entry is complete, release,
// until a worker has copied it out). A block the workers have emptied goes back to the
// producers through a lock-free list and is freed only by `destroy`: memory that a look
// without a lock (maybe_queued) reads is always a block.
//
// The idle protocol (the scheme of rt::Condition, without its mutex). `idle_`: workers counted
// in (bits 0..15) and wake-ups granted to them and not yet taken (bits 16..31; never more than
// the workers). A worker counts itself in, then looks at the queue (pop); a producer, after its
// entry is visible, looks at `idle_` (wake_one). Both sides put a seq_cst fence between their
// write and their read, so at least one sees the other: the worker finds the entry, or the
// producer finds the worker and grants a wake-up — unless every worker counted in has one
// coming: a woken worker takes entries until the queue is empty, so a burst of pushes costs
// one futex wake, not one each. The worker read `epoch_` before it counted itself in, so the
// bump of a grant made for it fails its futex wait. At most MAX_IDLE workers wait on one queue.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "rt/core/atomic.h"
#include "rt/sync/futex.h"
#include "rt/sync/mutex.h"

namespace rt::detail {

struct ExecWorker;

// What an entry's function is asked to do: run it (on worker `w`, or with w null on the thread
// that queued it), or drop it unrun in a fork child (it runs in the parent).
enum class EntryAction : uint8_t { Run, Drop };

// An entry: `fn` runs or drops it; `self` is a copy out of the queue.
struct alignas(64) QueueEntry {
    void (*fn)(QueueEntry* self, EntryAction a, ExecWorker* w);
    alignas(16) unsigned char data[48];
};
static_assert(sizeof(QueueEntry) == 64, "one cache line: the producer writing one entry and a worker reading the one before touch different lines");

// Whether a callable is stored in an entry itself (no allocation): it must move as bytes do.
template <class Body>
inline constexpr bool FITS_INLINE =
    __is_trivially_copyable(Body) && sizeof(Body) <= sizeof(QueueEntry::data) && alignof(Body) <= 16;

struct QueueBlock; // entry_queue.cpp

class EntryQueue {
public:
    static constexpr uint32_t MAX_IDLE = 0xffff;

    constexpr EntryQueue() = default;
    EntryQueue(const EntryQueue&) = delete;
    EntryQueue& operator=(const EntryQueue&) = delete;

    // Appends e; false (nothing queued) without memory for a new block.
    bool push(const QueueEntry& e);
    // Takes the first entry into *e; `current`, if given, is set to e under the lock (so that
    // a fork, which holds the locks, sees every entry either queued or taken).
    bool pop(QueueEntry* e, Atomic<QueueEntry*>* current = nullptr);
    // Without a lock: whether an entry may be queued. A hint for spinning workers — it can be
    // wrong either way; pop decides.
    bool maybe_queued() const;

    // After a push: grants a wake-up to an idle worker that has none coming, and wakes one.
    void wake_one();
    // Wakes every idle worker (after a change they must all see, written before: stopping).
    void wake_all();
    // The idle protocol of a worker (at most MAX_IDLE at once): idle_begin counts it in and
    // returns the epoch to wait on; the worker then pops once more, and only if that finds
    // nothing calls idle_wait; idle_end in every case.
    uint32_t idle_begin();
    void idle_wait(uint32_t epoch) { Futex::wait(epoch_, epoch); }
    void idle_end();

    // rt::fork: both locks (pop, then push), held across the clone; in the child, drop_all
    // hands every queued entry to `drop` and empties the queue, and forget_idle clears the
    // count of idle workers (other threads of the parent).
    void lock_for_fork();
    void unlock_for_fork();
    template <class F> void drop_all(F drop) {
        QueueEntry e;
        while (take_locked(&e)) drop(&e);
    }
    void forget_idle() { idle_.store(0, Order::Relaxed); }

    // Frees every block (no other thread may use the queue; entries still queued are
    // forgotten). The queue is empty and usable again after.
    void destroy();

private:
    bool take_locked(QueueEntry* e); // under pop_lock_
    QueueBlock* take_block();        // under push_lock_
    void return_block(QueueBlock* b);

    // The producers' end: the block entries are appended to, the next free slot in it.
    alignas(64) Mutex push_lock_;
    QueueBlock* tail_block_ = nullptr;
    uint32_t tail_index_ = 0;
    QueueBlock* spare_ = nullptr;     // blocks the producers may reuse (under push_lock_)
    Atomic<QueueBlock*> returned_{};  // blocks the workers emptied, pushed lock-free
    // The workers' end: written under pop_lock_, read without it by maybe_queued.
    alignas(64) Mutex pop_lock_;
    Atomic<QueueBlock*> head_block_{}; // set by the first push, then by the workers
    Atomic<uint32_t> head_index_{};
    // The idle protocol: read by every push, written when a worker sleeps or wakes.
    alignas(64) Atomic<uint32_t> idle_{};
    FutexWord epoch_{};
};

} // namespace rt::detail
