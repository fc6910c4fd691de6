// The allocator behind operator new until rt/mem lands (issue 4): every block is its own
// anonymous mapping, with a header in front recording the mapping. Thread-safe (the kernel
// does the bookkeeping), returns memory on free, any alignment; costs a page per block.
#pragma once

#include <stddef.h>

namespace rt::detail {

// nullptr when out of memory or when size/align overflow.
void* page_alloc(size_t size, size_t align);
void page_free(void* p);

} // namespace rt::detail
