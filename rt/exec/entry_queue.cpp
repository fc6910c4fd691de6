#include "rt/exec/entry_queue.h"

#include "rt/mem/alloc.h"

namespace rt::detail {

namespace {

// A slot: an entry and the word that hands it from its producer to a worker.
struct alignas(64) QueueSlot {
    void (*fn)(QueueEntry* self, EntryAction a, ExecWorker* w);
    Atomic<uint32_t> ready;
    alignas(16) unsigned char data[48];
};
static_assert(sizeof(QueueSlot) == 64 && __builtin_offsetof(QueueSlot, data) == 16, "a slot is an entry's line");

// A line for the links, then 63 slots: a 4 KiB block.
constexpr uint32_t BLOCK_SLOTS = 63;

constexpr uint32_t IDLE_WAITER = 1, IDLE_SIGNAL = uint32_t{1} << 16, IDLE_WAITERS = EntryQueue::MAX_IDLE;

} // namespace

struct alignas(64) QueueBlock {
    Atomic<QueueBlock*> next; // the following block, linked by the producer that fills this one
    QueueBlock* link;         // in `returned_` or `spare_`
    QueueSlot slots[BLOCK_SLOTS];
};
static_assert(sizeof(QueueBlock) == 4096, "a block is a page's worth of slots");

QueueBlock* EntryQueue::take_block() {
    // Acquire: the workers' last reads of a returned block come before it is written again.
    if (!spare_) spare_ = returned_.exchange(nullptr, Order::Acquire);
    QueueBlock* b = spare_;
    if (b) {
        spare_ = b->link;
    } else {
        b = static_cast<QueueBlock*>(rt::alloc_aligned(sizeof(QueueBlock), alignof(QueueBlock)));
        if (!b) return nullptr;
        for (QueueSlot& slot : b->slots) slot.ready.store(0, Order::Relaxed);
    }
    // A reused block's slots are all empty: the worker that took each entry cleared its word.
    b->next.store(nullptr, Order::Relaxed);
    return b;
}

void EntryQueue::return_block(QueueBlock* b) {
    // Push-only, with a take-all exchange on the other side: no ABA.
    QueueBlock* head = returned_.load(Order::Relaxed);
    do b->link = head;
    while (!returned_.compare_exchange_weak(head, b, Order::Release, Order::Relaxed));
}

bool EntryQueue::push(const QueueEntry& e) {
    LockGuard<Mutex> g(push_lock_);
    QueueBlock* b = tail_block_;
    uint32_t i = tail_index_;
    if (!b || i == BLOCK_SLOTS) {
        QueueBlock* nb = take_block();
        if (!nb) return false;
        // Release: a worker that follows the link (or finds the first block) sees its cleared
        // words. No producer touches the old block after this store.
        if (b) b->next.store(nb, Order::Release);
        else head_block_.store(nb, Order::Release);
        tail_block_ = b = nb;
        i = 0;
    }
    QueueSlot& slot = b->slots[i];
    slot.fn = e.fn;
    __builtin_memcpy(slot.data, e.data, sizeof slot.data);
    slot.ready.store(1, Order::Release); // the entry before its word
    tail_index_ = i + 1;
    return true;
}

bool EntryQueue::take_locked(QueueEntry* e) {
    QueueBlock* b = head_block_.load(Order::Acquire); // the first block's cleared words
    if (!b) return false;
    uint32_t i = head_index_.load(Order::Relaxed);
    if (i == BLOCK_SLOTS) {
        QueueBlock* nb = b->next.load(Order::Acquire);
        if (!nb) return false;
        head_block_.store(nb, Order::Relaxed);
        head_index_.store(0, Order::Relaxed);
        // Every entry of b was taken, and its producer is done with it (it linked nb last).
        return_block(b);
        b = nb;
        i = 0;
    }
    QueueSlot& slot = b->slots[i];
    if (!slot.ready.load(Order::Acquire)) return false; // the entry after its word
    e->fn = slot.fn;
    __builtin_memcpy(e->data, slot.data, sizeof e->data);
    // Relaxed: the block reaches a producer again only through return_block's release, after
    // pop_lock_ has ordered this worker's accesses before the returning worker's.
    slot.ready.store(0, Order::Relaxed);
    head_index_.store(i + 1, Order::Relaxed);
    return true;
}

bool EntryQueue::pop(QueueEntry* e, Atomic<QueueEntry*>* current) {
    LockGuard<Mutex> g(pop_lock_);
    if (!take_locked(e)) return false;
    if (current) current->store(e, Order::Relaxed);
    return true;
}

bool EntryQueue::maybe_queued() const {
    // The block read may be one the producers reuse already (never freed memory): wrong
    // either way at times, never a fault.
    QueueBlock* b = head_block_.load(Order::Acquire);
    if (!b) return false;
    uint32_t i = head_index_.load(Order::Relaxed);
    if (i >= BLOCK_SLOTS) return b->next.load(Order::Relaxed) != nullptr;
    return b->slots[i].ready.load(Order::Relaxed) != 0;
}

void EntryQueue::wake_one() {
    thread_fence(Order::SeqCst); // the entry before the look at idle_ (the idle protocol)
    uint32_t idle = idle_.load(Order::Relaxed);
    do {
        if ((idle & IDLE_WAITERS) == (idle >> 16)) return; // none, or each has a wake-up coming
    } while (!idle_.compare_exchange_weak(idle, idle + IDLE_SIGNAL, Order::Relaxed, Order::Relaxed));
    // Release: a worker whose epoch read shows the bump shows the entry.
    epoch_.fetch_add(1, Order::Release);
    Futex::wake(epoch_, 1);
}

void EntryQueue::wake_all() {
    epoch_.fetch_add(1, Order::Release);
    Futex::wake(epoch_, WAKE_ALL);
}

uint32_t EntryQueue::idle_begin() {
    // The epoch before the count, as rt::Condition does. A wake-up granted to this worker comes
    // after the count and bumps the epoch after the grant, so its bump is one the wait sees.
    // The other order lost wake-ups: a grant and its bump between the count and a later epoch
    // read left the wait on the bumped epoch with the grant pending, and every later wake_one
    // found "a wake-up coming" and woke nobody (entry_queue_test's idle-protocol case hung once).
    // Acquire: a bump seen here shows what was written before it; and the count below cannot
    // come before this read.
    uint32_t epoch = epoch_.load(Order::Acquire);
    idle_.fetch_add(IDLE_WAITER, Order::Relaxed);
    thread_fence(Order::SeqCst); // the count before the look (wake_one)
    return epoch;
}

void EntryQueue::idle_end() {
    // Takes a wake-up if one was granted — to this worker or another: either way one worker
    // fewer is waiting for it.
    uint32_t idle = idle_.load(Order::Relaxed);
    while (!idle_.compare_exchange_weak(idle, idle - IDLE_WAITER - ((idle >> 16) ? IDLE_SIGNAL : 0),
                                        Order::Relaxed, Order::Relaxed)) {
    }
}

void EntryQueue::lock_for_fork() {
    pop_lock_.lock();
    push_lock_.lock();
}

void EntryQueue::unlock_for_fork() {
    push_lock_.unlock();
    pop_lock_.unlock();
}

void EntryQueue::destroy() {
    // The blocks from the front (its entries forgotten) to the producers' one, and the ones
    // waiting for reuse.
    for (QueueBlock* b = head_block_.load(Order::Relaxed); b;) {
        QueueBlock* next = b->next.load(Order::Relaxed);
        rt::free(b);
        b = next;
    }
    QueueBlock* lists[] = {spare_, returned_.load(Order::Acquire)};
    for (QueueBlock* b : lists)
        while (b) {
            QueueBlock* next = b->link;
            rt::free(b);
            b = next;
        }
    head_block_.store(nullptr, Order::Relaxed);
    head_index_.store(0, Order::Relaxed);
    tail_block_ = spare_ = nullptr;
    tail_index_ = 0;
    returned_.store(nullptr, Order::Relaxed);
}

} // namespace rt::detail
