// Which 64 KiB chunks of the address space begin a mapping of rt::alloc's (a span or a large
// block). free, realloc and usable_size look a pointer's chunk up here before they read the
// header at its start, so a pointer into memory the allocator does not own — a thread's stack,
// an mmap'ed page, a large block or span already unmapped — panics with a message instead of
// faulting on (or trusting) whatever lies at that address.
//
//   void* base = map_aligned(len);               // CHUNK-aligned
//   if (!detail::chunk_map_insert(base)) { unmap; fail }
//   ...
//   if (!detail::chunk_map_contains(span_of(p))) panic(...);
//   if (!detail::chunk_map_erase(base)) panic(...);   // before the mapping goes away
//
// One bit per chunk. A 32-bit address space has 2^16 chunks: a flat bitmap (8 KiB of .bss). A
// 64-bit one has 2^48: a radix tree of three levels over the chunk number (12 | 18 | 18 bits),
// the root in .bss (32 KiB), interior nodes (2 MiB) and leaves (32 KiB, covering 16 GiB of
// addresses) mapped when first needed and never unmapped — a program touches one root entry,
// one page of one interior node and the leaf pages of the addresses it uses. Each thread keeps
// the last leaf it reached (leaves never move or go), so a lookup in the same 16 GiB is one load
// of the leaf word, as on 32-bit ABIs.
//
// Orderings: every access is relaxed. A correct caller reaches a chunk's bit only through a
// pointer that the allocation which set the bit handed over (with happens-before, through the
// program's own synchronization), so it sees the bit and the header written before it. A
// racing caller (a stale or foreign pointer) can see a node pointer before the node's words,
// but the node is fresh anonymous memory, zero from the kernel: it reads "not ours". Setting,
// clearing and testing-and-clearing a bit are single atomic read-modify-writes, so a block freed
// twice concurrently is unmapped once. A node is installed by one CAS; the loser unmaps its own.
// No lock: the map is as consistent in a fork child as in its parent.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace rt::detail {

inline constexpr unsigned CHUNK_SHIFT = 16;

struct ChunkMapGeometry {
    static constexpr unsigned WORD_BITS = 8 * sizeof(uintptr_t);
    static constexpr unsigned KEY_BITS = 8 * sizeof(uintptr_t) - CHUNK_SHIFT;
    static constexpr bool FLAT = KEY_BITS <= 16;
    static constexpr unsigned LEAF_BITS = FLAT ? KEY_BITS : 18;
    static constexpr unsigned MID_BITS = FLAT ? 0 : 18;
    static constexpr unsigned ROOT_BITS = KEY_BITS - LEAF_BITS - MID_BITS;
    static constexpr size_t LEAF_WORDS = (size_t{1} << LEAF_BITS) / WORD_BITS;
};
static_assert(ChunkMapGeometry::FLAT ? ChunkMapGeometry::KEY_BITS == 16 : ChunkMapGeometry::ROOT_BITS == 12,
              "the split stated above");

using ChunkLeaf = uintptr_t[ChunkMapGeometry::LEAF_WORDS];

template <bool Flat> struct ChunkTable;

template <> struct ChunkTable<true> {
    static inline constinit ChunkLeaf words{};
    static uintptr_t* word(uintptr_t key) { return &words[key / ChunkMapGeometry::WORD_BITS]; }
    static uintptr_t* word_create(uintptr_t key) { return word(key); }
};

template <> struct ChunkTable<false> {
    using G = ChunkMapGeometry;
    struct Mid {
        ChunkLeaf* leaf[size_t{1} << G::MID_BITS];
    };
    static inline constinit Mid* root[size_t{1} << G::ROOT_BITS]{};
    static size_t root_index(uintptr_t key) { return key >> (G::LEAF_BITS + G::MID_BITS); }
    static size_t mid_index(uintptr_t key) { return (key >> G::LEAF_BITS) & ((size_t{1} << G::MID_BITS) - 1); }
    static size_t word_index(uintptr_t key) { return (key & ((uintptr_t{1} << G::LEAF_BITS) - 1)) / G::WORD_BITS; }
    // The leaf a thread looked up last: a leaf, once installed, never moves or goes, so the
    // pair stays true and a free within the same 16 GiB skips the two dependent node loads.
    struct LastLeaf {
        uintptr_t tag; // (key >> LEAF_BITS) + 1; 0: none yet
        ChunkLeaf* leaf;
    };
    static inline constinit thread_local LastLeaf last{};
    static uintptr_t* word(uintptr_t key) {
        LastLeaf& l = last;
        if (l.tag == (key >> G::LEAF_BITS) + 1) [[likely]]
            return &(*l.leaf)[word_index(key)];
        Mid* mid = __atomic_load_n(&root[root_index(key)], __ATOMIC_RELAXED);
        if (!mid) return nullptr;
        ChunkLeaf* leaf = __atomic_load_n(&mid->leaf[mid_index(key)], __ATOMIC_RELAXED);
        if (!leaf) return nullptr;
        l = LastLeaf{(key >> G::LEAF_BITS) + 1, leaf};
        return &(*leaf)[word_index(key)];
    }
    // Maps the missing nodes on the way; nullptr only when that fails.
    [[gnu::cold]] static uintptr_t* word_create(uintptr_t key);
};

using ChunkMap = ChunkTable<ChunkMapGeometry::FLAT>;

inline uintptr_t chunk_bit(uintptr_t key) { return uintptr_t{1} << (key % ChunkMapGeometry::WORD_BITS); }
inline uintptr_t chunk_key(const void* chunk) { return reinterpret_cast<uintptr_t>(chunk) >> CHUNK_SHIFT; }

// Whether `chunk` (CHUNK-aligned) begins a mapping of the allocator's.
inline bool chunk_map_contains(const void* chunk) {
    uintptr_t key = chunk_key(chunk);
    uintptr_t* w = ChunkMap::word(key);
    return w && (__atomic_load_n(w, __ATOMIC_RELAXED) & chunk_bit(key));
}

// Records `chunk`; false when the map's own nodes could not be mapped (out of memory).
inline bool chunk_map_insert(const void* chunk) {
    uintptr_t key = chunk_key(chunk);
    uintptr_t* w = ChunkMap::word_create(key);
    if (!w) return false;
    __atomic_fetch_or(w, chunk_bit(key), __ATOMIC_RELAXED);
    return true;
}

// Forgets `chunk`; false when it was not recorded (freed twice, or never ours).
inline bool chunk_map_erase(const void* chunk) {
    uintptr_t key = chunk_key(chunk);
    uintptr_t* w = ChunkMap::word(key);
    return w && (__atomic_fetch_and(w, ~chunk_bit(key), __ATOMIC_RELAXED) & chunk_bit(key));
}

} // namespace rt::detail
