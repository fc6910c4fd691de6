#include "rt/cxx/page_alloc.h"

#include <stdint.h>

#include "rt/core/panic.h"
#include "rt/start/process.h"
#include "rt/sys/mem.h"

namespace rt::detail {

namespace {
struct Header {
    void* mapping;
    size_t length;
    uintptr_t check; // mapping ^ length ^ MAGIC: catches frees of foreign pointers
};
constexpr uintptr_t MAGIC = static_cast<uintptr_t>(0x5bd1e995b00b1e5ull);
} // namespace

void* page_alloc(size_t size, size_t align) {
    if (align < alignof(Header)) align = alignof(Header);
    if (align & (align - 1)) return nullptr;
    size_t page = page_size();
    size_t need = size + sizeof(Header) + align;
    if (need < size) return nullptr; // overflow
    size_t len = (need + page - 1) & ~(page - 1);
    if (len < need) return nullptr;
    auto m = sys::mmap(nullptr, len, sys::prot::READ | sys::prot::WRITE, sys::map::PRIVATE | sys::map::ANONYMOUS);
    if (!m) return nullptr;
    auto start = reinterpret_cast<uintptr_t>(*m) + sizeof(Header);
    auto user = (start + align - 1) & ~(static_cast<uintptr_t>(align) - 1);
    auto h = reinterpret_cast<Header*>(user) - 1;
    h->mapping = *m;
    h->length = len;
    h->check = reinterpret_cast<uintptr_t>(*m) ^ len ^ MAGIC;
    return reinterpret_cast<void*>(user);
}

void page_free(void* p) {
    if (!p) return;
    auto h = static_cast<Header*>(p) - 1;
    if (h->check != (reinterpret_cast<uintptr_t>(h->mapping) ^ h->length ^ MAGIC))
        panic("operator delete: pointer not from operator new (or freed twice)");
    h->check = 0;
    void* mapping = h->mapping;
    size_t length = h->length;
    if (!sys::munmap(mapping, length)) panic("operator delete: munmap failed");
}

} // namespace rt::detail
