#include "rt/mem/alloc.h"

#include <stdint.h>

#include "rt/core/panic.h"
#include "rt/start/process.h"
#include "rt/sync/mutex.h"
#include "rt/sys/mem.h"
#include "rt/sys/process.h"

extern "C" void* memcpy(void*, const void*, size_t);
extern "C" void* memset(void*, int, size_t);

namespace rt {

namespace {

constexpr size_t SPAN = 64 * 1024;
constexpr size_t HEADER = 64;       // span and large-block header; blocks start after it
constexpr size_t MAX_SMALL = 16 * 1024;
constexpr size_t MAX_ALIGN = 4096;
constexpr unsigned SHARDS = 8;
constexpr uint32_t SPAN_MAGIC = 0x5b0a11c5u, LARGE_MAGIC = 0x1a29eb10u;
constexpr uintptr_t FREED_MARK = static_cast<uintptr_t>(0xdeadf2eef2eedeadull);

// Size classes: 16-byte steps to 128, then four steps per power of two up to 16 KiB.
constexpr unsigned NCLASSES = 8 + 4 * 7;
constexpr size_t class_size(unsigned c) {
    if (c < 8) return 16 * (c + 1);
    unsigned k = (c - 8) / 4, step = (c - 8) % 4;
    size_t base = size_t{128} << k;
    return base + (base / 4) * (step + 1);
}
static_assert(class_size(NCLASSES - 1) == MAX_SMALL, "the last class is MAX_SMALL");

unsigned class_of(size_t n) {
    if (n <= 128) return n == 0 ? 0 : static_cast<unsigned>((n + 15) / 16 - 1);
    unsigned c = 8;
    while (class_size(c) < n) ++c;
    return c;
}

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
    FreeBlock* free;    // freed blocks
    char* bump;         // blocks never handed out start here (carved lazily)
    Span* next;         // in the shard's partial list for the class
    Span* prev;
};
static_assert(sizeof(Span) <= HEADER, "the span header fits its slot");

struct Large {
    uint32_t magic;
    size_t mapping_size;
    size_t usable;
};
static_assert(sizeof(Large) <= HEADER, "the large header fits its slot");

struct Shard {
    Mutex lock;
    Span* partial[NCLASSES];  // spans of the class with a free block
    unsigned spans[NCLASSES]; // spans of the class this shard owns
};
Shard g_shards[SHARDS];

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

thread_local unsigned t_shard = ~0u;

unsigned my_shard() {
    unsigned s = t_shard;
    if (s == ~0u) {
        s = static_cast<unsigned>(sys::gettid()) * 2654435761u % SHARDS;
        t_shard = s;
    }
    return s;
}

size_t first_block_offset(size_t size) {
    // Power-of-two classes start at a multiple of their size, so their blocks are aligned to
    // it (what alloc_aligned relies on); the others only need 16.
    size_t a = (size & (size - 1)) == 0 ? size : 16;
    return (HEADER + a - 1) & ~(a - 1);
}

// A SPAN-aligned mapping of `len` bytes (len a multiple of the page size).
void* map_aligned(size_t len) {
    size_t page = page_size();
    size_t want = len + SPAN;
    if (want < len) return nullptr;
    auto m = sys::mmap(nullptr, want, sys::prot::READ | sys::prot::WRITE, sys::map::PRIVATE | sys::map::ANONYMOUS);
    if (!m) return nullptr;
    auto start = reinterpret_cast<uintptr_t>(*m);
    auto aligned = (start + SPAN - 1) & ~(uintptr_t{SPAN} - 1);
    // Give back the slack before and after the aligned part.
    if (aligned > start) (void)sys::munmap(*m, aligned - start);
    uintptr_t end = start + want, used_end = aligned + ((len + page - 1) & ~(page - 1));
    if (end > used_end) (void)sys::munmap(reinterpret_cast<void*>(used_end), end - used_end);
    handed_over_from_kernel(reinterpret_cast<void*>(aligned));
    return reinterpret_cast<void*>(aligned);
}

Span* new_span(unsigned cls, unsigned shard) {
    auto s = static_cast<Span*>(map_aligned(SPAN));
    if (!s) return nullptr;
    size_t size = class_size(cls), first = first_block_offset(size);
    s->magic = SPAN_MAGIC;
    s->cls = static_cast<uint16_t>(cls);
    s->shard = static_cast<uint16_t>(shard);
    s->used = 0;
    s->capacity = static_cast<uint32_t>((SPAN - first) / size);
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

void* alloc_small(unsigned cls) {
    unsigned shard = my_shard();
    Shard& sh = g_shards[shard];
    LockGuard<Mutex> g(sh.lock);
    Span* s = sh.partial[cls];
    if (!s) {
        s = new_span(cls, shard);
        if (!s) return nullptr;
        ++sh.spans[cls];
        push_front(sh, s);
    }
    void* p;
    if (s->free) {
        FreeBlock* b = s->free;
        s->free = b->next;
        b->mark = 0;
        p = b;
    } else {
        p = s->bump;
        s->bump += class_size(cls);
    }
    if (++s->used == s->capacity) unlink(sh, s);
    return p;
}

void* alloc_large(size_t size, size_t align) {
    size_t offset = align > HEADER ? align : HEADER;
    size_t len = offset + size;
    if (len < size) return nullptr;
    size_t page = page_size();
    len = (len + page - 1) & ~(page - 1);
    if (len == 0) return nullptr;
    auto base = static_cast<char*>(map_aligned(len));
    if (!base) return nullptr;
    auto h = reinterpret_cast<Large*>(base);
    h->magic = LARGE_MAGIC;
    h->mapping_size = len;
    h->usable = len - offset;
    return base + offset;
}

[[noreturn, gnu::cold]] void bad_free(const char* what) { panic(what); }

Span* span_of(const void* p) {
    return reinterpret_cast<Span*>(reinterpret_cast<uintptr_t>(p) & ~(uintptr_t{SPAN} - 1));
}

} // namespace

void* alloc_aligned(size_t size, size_t align) {
    if (align == 0 || (align & (align - 1)) || align > MAX_ALIGN) return nullptr;
    size_t n = size < align ? align : size;
    if (align > 16) {
        // A power-of-two class of at least `align` bytes has blocks aligned to its size.
        size_t p2 = 16;
        while (p2 < n) p2 <<= 1;
        n = p2;
    }
    if (n <= MAX_SMALL) return alloc_small(class_of(n));
    return alloc_large(size, align);
}

void* alloc(size_t size) { return alloc_aligned(size, 16); }

void* alloc_zeroed(size_t n, size_t size) {
    if (size && n > ~size_t{0} / size) return nullptr;
    void* p = alloc(n * size);
    // Fresh spans and mappings are zero already, but reused blocks are not.
    if (p) memset(p, 0, n * size);
    return p;
}

size_t usable_size(const void* p) {
    Span* s = span_of(p);
    if (s->magic == SPAN_MAGIC) return class_size(s->cls);
    auto l = reinterpret_cast<const Large*>(s);
    if (l->magic == LARGE_MAGIC) return l->usable;
    bad_free("rt::usable_size: pointer not from rt::alloc");
}

void free(void* p) {
    if (!p) return;
    Span* s = span_of(p);
    if (s->magic == LARGE_MAGIC) {
        auto l = reinterpret_cast<Large*>(s);
        size_t len = l->mapping_size;
        l->magic = 0;
        if (!unmap(l, len)) bad_free("rt::free: munmap of a large block failed");
        return;
    }
    if (s->magic != SPAN_MAGIC) bad_free("rt::free: pointer not from rt::alloc (or its block was freed twice)");
    size_t size = class_size(s->cls);
    auto offset = static_cast<size_t>(static_cast<char*>(p) - reinterpret_cast<char*>(s));
    size_t first = first_block_offset(size);
    if (offset < first || (offset - first) % size != 0) bad_free("rt::free: pointer into the middle of a block");
    Shard& sh = g_shards[s->shard];
    LockGuard<Mutex> g(sh.lock);
    auto b = static_cast<FreeBlock*>(p);
    if (b->mark == (FREED_MARK ^ reinterpret_cast<uintptr_t>(b)) && static_cast<char*>(p) < s->bump) {
        // The mark can be forged by user data only with the block's own address mixed in.
        bad_free("rt::free: block freed twice");
    }
    bool was_full = s->used == s->capacity;
    b->mark = FREED_MARK ^ reinterpret_cast<uintptr_t>(b);
    b->next = s->free;
    s->free = b;
    --s->used;
    if (was_full) push_front(sh, s);
    if (s->used == 0 && sh.spans[s->cls] > 1) {
        // An empty span goes back to the kernel, unless it is the class's last in this shard.
        unlink(sh, s);
        --sh.spans[s->cls];
        s->magic = 0;
        (void)unmap(s, SPAN);
    }
}

void* realloc(void* p, size_t size) {
    if (!p) return alloc(size);
    size_t have = usable_size(p);
    if (size <= have && (have <= MAX_SMALL ? size > have / 2 : true)) return p;
    void* q = alloc(size);
    if (!q) return nullptr;
    memcpy(q, p, have < size ? have : size);
    free(p);
    return q;
}

} // namespace rt
