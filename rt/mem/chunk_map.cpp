#include "rt/mem/chunk_map.h"

#include "rt/sys/mem.h"

namespace rt::detail {

namespace {

// A zeroed node of `bytes`, installed at *slot unless another thread installed one first;
// returns the node the slot holds (nullptr when the mapping failed).
template <class T> T* install(T** slot, size_t bytes) {
    if (T* have = __atomic_load_n(slot, __ATOMIC_RELAXED)) return have;
    auto m = sys::mmap(nullptr, bytes, sys::prot::READ | sys::prot::WRITE, sys::map::PRIVATE | sys::map::ANONYMOUS);
    if (!m) return nullptr;
    T* mine = static_cast<T*>(*m);
    T* expected = nullptr;
    if (__atomic_compare_exchange_n(slot, &expected, mine, false, __ATOMIC_RELAXED, __ATOMIC_RELAXED)) return mine;
    (void)sys::munmap(mine, bytes);
    return expected;
}

} // namespace

uintptr_t* ChunkTable<false>::word_create(uintptr_t key) {
    Mid* mid = install(&root[root_index(key)], sizeof(Mid));
    if (!mid) return nullptr;
    ChunkLeaf* leaf = install(&mid->leaf[mid_index(key)], sizeof(ChunkLeaf));
    if (!leaf) return nullptr;
    return &(*leaf)[word_index(key)];
}

} // namespace rt::detail
