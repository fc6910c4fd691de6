// rt's general-purpose allocator, thread-safe, behind every operator new/delete.
//
// Small blocks (up to 16 KiB) come from 64 KiB spans, each span serving one size class; the
// span header sits at the span's 64 KiB-aligned start, so a block finds its span by masking
// its address. Spans belong to one of several shards (each with its own lock); a thread
// sticks to one shard chosen from its tid, so the hot path takes no global lock. A span that
// empties is unmapped unless it is its class's last. Larger blocks are mappings of their
// own, returned to the kernel on free.
// Alignments up to MAX_ALLOC_ALIGN (32 KiB) are honoured (aligned_alloc semantics).
// free, realloc and usable_size panic with a message for a pointer they did not hand out: every
// span and large mapping is recorded in a map of 64 KiB chunks (chunk_map.h), consulted before
// any header is read, so a foreign pointer, an interior one, or a block freed twice — small or
// large — is named, never faulted on. A freed large block's addresses stay reserved for the next
// 8 large frees, so its stale pointer cannot free a newer block at the same address meanwhile.
#pragma once

#include <stddef.h>

namespace rt {

inline constexpr size_t MAX_ALLOC_ALIGN = 32 * 1024;

// nullptr when out of memory (or when size overflows). alloc(0) returns a unique pointer.
void* alloc(size_t size);
// align: a power of two up to MAX_ALLOC_ALIGN (larger: nullptr); size need not be a multiple
// of it.
void* alloc_aligned(size_t size, size_t align);
// Zeroed memory for n * size bytes; nullptr on overflow or out of memory.
void* alloc_zeroed(size_t n, size_t size);
// free(nullptr) does nothing.
void free(void* p);
// Like C's realloc: p may be null; on failure returns nullptr and p stays valid.
void* realloc(void* p, size_t size);
// The bytes usable at p (at least what was asked for).
size_t usable_size(const void* p);

namespace detail {
// Registers the allocator's rt::fork handler now (it is otherwise registered at the first
// refill): a part of the runtime whose handler takes locks it allocates under registers this
// first (rt/sync/fork_handler.h: prepare runs the newest registration first).
void alloc_register_fork_handler();
} // namespace detail

} // namespace rt
