#include "rt/mem/alloc.h"

#include <stdint.h>

#include "rt/core/align.h"
#include "rt/core/checked.h"
#include "rt/core/panic.h"
#include "rt/mem/chunk_map.h"
#include "rt/mem/size_class.h"
#include "rt/sys/process_info.h"
#include "rt/sync/mutex.h"
#include "rt/sys/mem.h"
#include "rt/sys/process.h"
#include "rt/tls/exit_hooks.h"
#include "rt/sync/fork_handler.h"

extern "C" void* memcpy(void*, const void*, size_t);
extern "C" void* memset(void*, int, size_t);

namespace rt {

namespace {

using namespace detail::size_class;

constexpr size_t SPAN = size_t{1} << detail::CHUNK_SHIFT; // spans and mappings start at a chunk
constexpr size_t HEADER = 64;       // span and large-block header; blocks start after it
// Up to half a span: a large block then starts `align` bytes into its SPAN-aligned mapping, so
// its address still rounds down to the mapping's header (span_of).
constexpr size_t MAX_ALIGN = SPAN / 2;
static_assert(MAX_ALIGN == MAX_ALLOC_ALIGN, "alloc.h states the limit");
constexpr unsigned SHARDS = 8;
constexpr uint32_t SPAN_MAGIC = 0x5b0a11c5u, LARGE_MAGIC = 0x1a29eb10u;
constexpr uintptr_t FREED_MARK = static_cast<uintptr_t>(0xdeadf2eef2eedeadull);

struct FreeBlock {
    FreeBlock* next;
    uintptr_t mark; // FREED_MARK ^ address while free: a second free of it is caught
};

struct Span {
    uint32_t magic;
    uint16_t cls;
    uint16_t shard;
    uint32_t used;      // blocks handed out
    uint32_t capacity;  // blocks in the span
    uint32_t size;      // class_size(cls), first_block_offset(size): read by free's checks
    uint32_t first;
    uint32_t recip;     // ceil(2^32 / block size): offset / size by a multiply (offsets < 2^16)
    FreeBlock* free;    // freed blocks
    char* bump;         // blocks never handed out start here (carved lazily)
    Span* next;         // in the shard's partial list for the class
    Span* prev;
};
static_assert(sizeof(Span) <= HEADER, "the span header fits its slot");

struct Large {
    uint32_t magic;
    uint32_t offset; // of the block from the header: free takes no other pointer
    size_t mapping_size;
    size_t usable;
};
static_assert(sizeof(Large) <= HEADER, "the large header fits its slot");

struct Shard {
    Mutex lock;
    Span* partial[NCLASSES] = {};  // spans of the class with a free block
    unsigned spans[NCLASSES] = {}; // spans of the class this shard owns
};
// Constant-initialized (in .bss), not by a constructor: a global constructor of the program
// may allocate before any constructor of rt would have run.
constinit Shard g_shards[SHARDS];

// ThreadSanitizer (the hosted unit tests' TSan build) cannot see that an address unmapped by
// one thread and mapped again by another was handed over by the kernel: these raw syscalls
// bypass its interceptors. A release before munmap and an acquire after mmap tell it. Weak:
// in a bedrock program no sanitizer defines them and they are null.
extern "C" [[gnu::weak]] void __tsan_acquire(void* addr);
extern "C" [[gnu::weak]] void __tsan_release(void* addr);
void handed_over_from_kernel(void* p) {
    if (__tsan_acquire) __tsan_acquire(p);
}
Expected<void, Errno> unmap(void* p, size_t len) {
    if (__tsan_release) __tsan_release(p);
    return sys::munmap(p, len);
}

// Each thread keeps a few freed blocks per class and allocates from them without a lock; it
// refills from and flushes to its shard's spans in batches (one lock per batch). The cache
// is zero-initialized TLS; its exit hook gives every block back when the thread ends.
struct Bin {
    FreeBlock* head;
    uint32_t count;
};
struct ThreadCache {
    Bin bins[NCLASSES];
    unsigned shard_plus_1; // 0: no shard chosen yet (and the exit hook not registered)
    detail::ExitHook hook;
};
thread_local ThreadCache t_cache;

size_t first_block_offset(size_t size) {
    // Power-of-two classes start at a multiple of their size, so their blocks are aligned to
    // it (what alloc_aligned relies on); the others only need 16.
    return align_up(HEADER, is_pow2(size) ? size : 16);
}

bool drain_quarantine();

// A SPAN-aligned mapping of `len` bytes (len a multiple of the page size).
void* map_aligned(size_t len) {
    size_t page = page_size();
    size_t want;
    if (!checked_add(len, SPAN, &want)) return nullptr;
    auto m = sys::mmap(nullptr, want, sys::prot::READ | sys::prot::WRITE, sys::map::PRIVATE | sys::map::ANONYMOUS);
    if (!m && drain_quarantine())
        m = sys::mmap(nullptr, want, sys::prot::READ | sys::prot::WRITE, sys::map::PRIVATE | sys::map::ANONYMOUS);
    if (!m) return nullptr;
    auto start = reinterpret_cast<uintptr_t>(*m);
    auto aligned = align_up(start, SPAN);
    // Give back the slack before and after the aligned part.
    if (aligned > start) (void)sys::munmap(*m, aligned - start);
    uintptr_t end = start + want, used_end = aligned + align_up(len, page);
    if (end > used_end) (void)sys::munmap(reinterpret_cast<void*>(used_end), end - used_end);
    handed_over_from_kernel(reinterpret_cast<void*>(aligned));
    return reinterpret_cast<void*>(aligned);
}

Span* new_span(unsigned cls, unsigned shard) {
    auto s = static_cast<Span*>(map_aligned(SPAN));
    if (!s) return nullptr;
    if (!detail::chunk_map_insert(s)) {
        (void)unmap(s, SPAN);
        return nullptr;
    }
    size_t size = class_size(cls), first = first_block_offset(size);
    s->magic = SPAN_MAGIC;
    s->cls = static_cast<uint16_t>(cls);
    s->shard = static_cast<uint16_t>(shard);
    s->used = 0;
    s->capacity = static_cast<uint32_t>((SPAN - first) / size);
    s->size = static_cast<uint32_t>(size);
    s->first = static_cast<uint32_t>(first);
    s->recip = static_cast<uint32_t>(((uint64_t{1} << 32) + size - 1) / size);
    s->free = nullptr;
    s->bump = reinterpret_cast<char*>(s) + first;
    s->next = s->prev = nullptr;
    return s;
}

void unlink(Shard& sh, Span* s) {
    if (s->prev) s->prev->next = s->next;
    else sh.partial[s->cls] = s->next;
    if (s->next) s->next->prev = s->prev;
    s->next = s->prev = nullptr;
}

void push_front(Shard& sh, Span* s) {
    s->prev = nullptr;
    s->next = sh.partial[s->cls];
    if (s->next) s->next->prev = s;
    sh.partial[s->cls] = s;
}

void flush_cache(ThreadCache& c, unsigned cls, uint32_t keep);
void flush_all(detail::ExitHook* h) {
    auto c = reinterpret_cast<ThreadCache*>(reinterpret_cast<char*>(h) - __builtin_offsetof(ThreadCache, hook));
    for (unsigned cls = 0; cls < NCLASSES; ++cls) flush_cache(*c, cls, 0);
    c->shard_plus_1 = 0; // a later allocation on this thread registers the hook again
}

unsigned my_shard(ThreadCache& c) {
    if (c.shard_plus_1 == 0) {
        c.shard_plus_1 = static_cast<unsigned>(sys::gettid()) * 2654435761u % SHARDS + 1;
        c.hook.fn = flush_all;
        detail::at_thread_exit(&c.hook);
    }
    return c.shard_plus_1 - 1;
}

// Takes up to half a cache's worth of blocks from the thread's shard under one lock: the first
// is returned, the others go to the cache. Maps at most one new span.
// rt::fork: no shard lock may be held by a thread that does not exist in the child.
void lock_quarantine();
void unlock_quarantine();
void lock_shards() {
    for (auto& sh : g_shards) sh.lock.lock();
    lock_quarantine();
}
void unlock_shards() {
    unlock_quarantine();
    for (unsigned i = SHARDS; i-- > 0;) g_shards[i].lock.unlock();
}
constinit detail::ForkHandler g_fork_handler{.prepare = lock_shards, .parent = unlock_shards, .child = unlock_shards};

[[gnu::cold, gnu::noinline]] void* refill(unsigned cls) {
    detail::alloc_register_fork_handler();
    ThreadCache& c = t_cache;
    unsigned shard = my_shard(c);
    Shard& sh = g_shards[shard];
    size_t size = class_size(cls);
    uint32_t want = cache_limit(cls) / 2;
    void* first = nullptr;
    Bin& bin = c.bins[cls];
    LockGuard<Mutex> g(sh.lock);
    for (uint32_t got = 0; got < want;) {
        Span* s = sh.partial[cls];
        if (!s) {
            if (got) break;
            s = new_span(cls, shard);
            if (!s) return nullptr;
            ++sh.spans[cls];
            push_front(sh, s);
        }
        while (got < want && s->used < s->capacity) {
            FreeBlock* b;
            if (s->free) {
                b = s->free;
                s->free = b->next;
            } else {
                b = reinterpret_cast<FreeBlock*>(s->bump);
                // Atomic: free() reads bump without the lock (bump only grows).
                __atomic_store_n(&s->bump, s->bump + size, __ATOMIC_RELAXED);
            }
            ++s->used;
            ++got;
            if (!first) {
                b->mark = 0;
                first = b;
            } else {
                b->next = bin.head; // stays marked free while cached
                bin.head = b;
                ++bin.count;
            }
        }
        if (s->used == s->capacity) unlink(sh, s);
    }
    return first;
}

inline void* alloc_small(unsigned cls) {
    Bin& bin = t_cache.bins[cls];
    if (FreeBlock* b = bin.head) {
        bin.head = b->next;
        --bin.count;
        b->mark = 0;
        return b;
    }
    return refill(cls);
}

void* alloc_large(size_t size, size_t align) {
    size_t offset = align > HEADER ? align : HEADER;
    size_t len;
    if (!checked_add(offset, size, &len) || !checked_align_up(len, page_size(), &len)) return nullptr;
    auto base = static_cast<char*>(map_aligned(len));
    if (!base) return nullptr;
    if (!detail::chunk_map_insert(base)) {
        (void)unmap(base, len);
        return nullptr;
    }
    auto h = reinterpret_cast<Large*>(base);
    h->magic = LARGE_MAGIC;
    h->offset = static_cast<uint32_t>(offset);
    h->mapping_size = len;
    h->usable = len - offset;
    return base + offset;
}

[[noreturn, gnu::cold]] void bad_free(const char* what) { panic(what); }

Span* span_of(const void* p) {
    return reinterpret_cast<Span*>(align_down(reinterpret_cast<uintptr_t>(p), SPAN));
}

// Gives one block back to its span; the caller holds the span's shard lock.
void return_block(Shard& sh, Span* s, FreeBlock* b) {
    bool was_full = s->used == s->capacity;
    b->next = s->free;
    s->free = b;
    --s->used;
    if (was_full) push_front(sh, s);
    if (s->used == 0 && sh.spans[s->cls] > 1) {
        // An empty span goes back to the kernel, unless it is the class's last in this shard.
        unlink(sh, s);
        --sh.spans[s->cls];
        s->magic = 0;
        (void)detail::chunk_map_erase(s);
        (void)unmap(s, SPAN);
    }
}

// Returns the cache's blocks of a class beyond the `keep` most recently freed (the ones likely
// still in the CPU's cache) to their spans. Each shard's lock is held across a run of blocks
// of that shard (blocks freed by this thread but allocated by others may be of any shard).
[[gnu::cold]] void flush_cache(ThreadCache& c, unsigned cls, uint32_t keep) {
    Bin& bin = c.bins[cls];
    if (bin.count <= keep) return;
    FreeBlock* rest;
    if (keep == 0) {
        rest = bin.head;
        bin.head = nullptr;
    } else {
        FreeBlock* last = bin.head;
        for (uint32_t i = 1; i < keep; ++i) last = last->next;
        rest = last->next;
        last->next = nullptr;
    }
    bin.count = keep;
    Shard* locked = nullptr;
    while (FreeBlock* b = rest) {
        rest = b->next;
        Span* s = span_of(b);
        Shard* sh = &g_shards[s->shard];
        if (sh != locked) {
            if (locked) locked->lock.unlock();
            sh->lock.lock();
            locked = sh;
        }
        return_block(*sh, s, b);
    }
    if (locked) locked->lock.unlock();
}

// A freed large block's pages go back to the kernel at once, but its addresses stay reserved
// (PROT_NONE) until QUARANTINE more large blocks have been freed: the kernel hands the highest
// free gap to the next mapping, so without this the very next large allocation would get the
// same address, and a second free of the stale pointer would silently free that live block.
// With it, such a free finds its chunk unrecorded and panics. Reservations count against
// RLIMIT_AS: a mapping that fails drains them and tries once more (map_aligned).
constexpr unsigned QUARANTINE = 8;
struct Quarantine {
    Mutex lock;
    void* base[QUARANTINE] = {};
    size_t len[QUARANTINE] = {};
    unsigned next = 0;
};
constinit Quarantine g_quarantine;

void quarantine(void* base, size_t len) {
    // MAP_FIXED replaces the block's pages in one step, leaving the range reserved.
    auto r = sys::mmap(base, len, sys::prot::NONE, sys::map::PRIVATE | sys::map::ANONYMOUS | sys::map::FIXED | sys::map::NORESERVE);
    if (!r) {
        if (!unmap(base, len)) bad_free("rt::free: munmap of a large block failed");
        return;
    }
    void* old_base;
    size_t old_len;
    {
        LockGuard<Mutex> g(g_quarantine.lock);
        unsigned i = g_quarantine.next;
        old_base = g_quarantine.base[i];
        old_len = g_quarantine.len[i];
        g_quarantine.base[i] = base;
        g_quarantine.len[i] = len;
        g_quarantine.next = (i + 1) % QUARANTINE;
    }
    if (old_base) (void)unmap(old_base, old_len);
}

void lock_quarantine() { g_quarantine.lock.lock(); }
void unlock_quarantine() { g_quarantine.lock.unlock(); }

// Gives every reserved range back; true when there was one.
bool drain_quarantine() {
    bool any = false;
    for (unsigned i = 0; i < QUARANTINE; ++i) {
        void* b;
        size_t n;
        {
            LockGuard<Mutex> g(g_quarantine.lock);
            b = g_quarantine.base[i];
            n = g_quarantine.len[i];
            g_quarantine.base[i] = nullptr;
        }
        if (b) {
            (void)unmap(b, n);
            any = true;
        }
    }
    return any;
}

[[gnu::noinline]] void free_large(Large* l, void* p) {
    if (static_cast<char*>(p) != reinterpret_cast<char*>(l) + l->offset)
        bad_free("rt::free: pointer into the middle of a block");
    size_t len = l->mapping_size;
    // Whoever clears the bit unmaps: of two racing frees of one block, the other panics.
    if (!detail::chunk_map_erase(l)) bad_free("rt::free: block freed twice");
    l->magic = 0;
    quarantine(l, len);
}

// The header of the mapping that p's chunk begins, or a panic naming `caller` when p's chunk
// begins no mapping of the allocator's (never read before that is known).
inline Span* header_of(const void* p, const char* not_ours) {
    Span* s = span_of(p);
    if (!detail::chunk_map_contains(s)) [[unlikely]]
        bad_free(not_ours);
    return s;
}

} // namespace

void detail::alloc_register_fork_handler() { detail::register_fork_handler(&g_fork_handler); }

void* alloc_aligned(size_t size, size_t align) {
    if (!is_pow2(align) || align > MAX_ALIGN) return nullptr;
    size_t n = size < align ? align : size;
    // A power-of-two class of at least `align` bytes has blocks aligned to its size.
    if (align > 16 && n <= MAX_SMALL && !checked_pow2_ceil(n, &n)) return nullptr;
    if (n <= MAX_SMALL) return alloc_small(class_of(n));
    return alloc_large(size, align);
}

void* alloc(size_t size) {
    if (size <= MAX_SMALL) return alloc_small(class_of(size)); // every class is 16-aligned
    return alloc_large(size, 16);
}

void* alloc_zeroed(size_t n, size_t size) {
    size_t total;
    if (!checked_mul(n, size, &total)) return nullptr;
    void* p = alloc(total);
    // A large block is always a fresh mapping, zero from the kernel (touching it would commit
    // every page); a small one may be a reused block.
    if (p && total <= MAX_SMALL) memset(p, 0, total);
    return p;
}

size_t usable_size(const void* p) {
    Span* s = header_of(p, "rt::usable_size: pointer not from rt::alloc (or its block was freed)");
    if (s->magic == SPAN_MAGIC) return class_size(s->cls);
    auto l = reinterpret_cast<const Large*>(s);
    if (l->magic == LARGE_MAGIC && static_cast<const char*>(p) == reinterpret_cast<const char*>(l) + l->offset) return l->usable;
    bad_free("rt::usable_size: pointer not from rt::alloc (or into the middle of a block)");
}

void free(void* p) {
    if (!p) return;
    Span* s = header_of(p, "rt::free: pointer not from rt::alloc (or its block was freed twice)");
    if (s->magic == LARGE_MAGIC) return free_large(reinterpret_cast<Large*>(s), p);
    if (s->magic != SPAN_MAGIC) bad_free("rt::free: pointer not from rt::alloc (or its block was freed twice)");
    uint32_t size = s->size, first = s->first;
    auto offset = static_cast<uint32_t>(static_cast<char*>(p) - reinterpret_cast<char*>(s));
    uint32_t rel = offset - first;
    uint32_t index = static_cast<uint32_t>((uint64_t{rel} * s->recip) >> 32);
    if (offset < first || index * size != rel) bad_free("rt::free: pointer into the middle of a block");
    auto b = static_cast<FreeBlock*>(p);
    if (static_cast<char*>(p) >= __atomic_load_n(&s->bump, __ATOMIC_RELAXED))
        bad_free("rt::free: pointer not from rt::alloc (a block never handed out)");
    // A block is marked while free, in a span's list or in a thread's cache. The mark mixes in
    // the block's own address, so user data forges it only by storing exactly that value.
    if (b->mark == (FREED_MARK ^ reinterpret_cast<uintptr_t>(b))) bad_free("rt::free: block freed twice");
    b->mark = FREED_MARK ^ reinterpret_cast<uintptr_t>(b);
    Bin& bin = t_cache.bins[s->cls];
    b->next = bin.head;
    bin.head = b;
    if (++bin.count > cache_limit(s->cls)) flush_cache(t_cache, s->cls, cache_limit(s->cls) / 2);
}

void* realloc(void* p, size_t size) {
    if (!p) return alloc(size);
    size_t have = usable_size(p);
    // Kept in place while it still fills more than half of its block, small or large: a block
    // shrunk to less moves to a fitting one (a large one's pages go back to the kernel).
    if (size <= have && size > have / 2) return p;
    void* q = alloc(size);
    if (!q) return nullptr;
    memcpy(q, p, have < size ? have : size);
    free(p);
    return q;
}

} // namespace rt
