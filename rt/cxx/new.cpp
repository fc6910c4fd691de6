// Every form of operator new and delete (C++17: plain, array, sized, aligned, nothrow), on
// rt::alloc. Without exceptions, the throwing forms panic when memory runs out instead of
// throwing bad_alloc.
#include "rt/cxx/new.h"

#include "rt/core/panic.h"
#include "rt/mem/alloc.h"

namespace std {
const nothrow_t nothrow{};
}

namespace {
constexpr size_t DEFAULT_ALIGN = __STDCPP_DEFAULT_NEW_ALIGNMENT__;

void* get(size_t n, size_t align) {
    // Alignments beyond what rt::alloc honours (rt::MAX_ALLOC_ALIGN) are refused rather than
    // ignored.
    return rt::alloc_aligned(n, align < DEFAULT_ALIGN ? DEFAULT_ALIGN : align);
}
void* checked(size_t n, size_t align) {
    void* p = get(n, align);
    if (!p) {
        if (align > rt::MAX_ALLOC_ALIGN) rt::panic("operator new: alignment above 32768 bytes (rt::MAX_ALLOC_ALIGN)");
        rt::panic("operator new: out of memory");
    }
    return p;
}
} // namespace

void* operator new(size_t n) { return checked(n, DEFAULT_ALIGN); }
void* operator new[](size_t n) { return checked(n, DEFAULT_ALIGN); }
void* operator new(size_t n, std::align_val_t a) { return checked(n, static_cast<size_t>(a)); }
void* operator new[](size_t n, std::align_val_t a) { return checked(n, static_cast<size_t>(a)); }
void* operator new(size_t n, const std::nothrow_t&) noexcept { return get(n, DEFAULT_ALIGN); }
void* operator new[](size_t n, const std::nothrow_t&) noexcept { return get(n, DEFAULT_ALIGN); }
void* operator new(size_t n, std::align_val_t a, const std::nothrow_t&) noexcept { return get(n, static_cast<size_t>(a)); }
void* operator new[](size_t n, std::align_val_t a, const std::nothrow_t&) noexcept { return get(n, static_cast<size_t>(a)); }

void operator delete(void* p) noexcept { rt::free(p); }
void operator delete[](void* p) noexcept { rt::free(p); }
void operator delete(void* p, size_t) noexcept { rt::free(p); }
void operator delete[](void* p, size_t) noexcept { rt::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { rt::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { rt::free(p); }
void operator delete(void* p, size_t, std::align_val_t) noexcept { rt::free(p); }
void operator delete[](void* p, size_t, std::align_val_t) noexcept { rt::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { rt::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { rt::free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { rt::free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { rt::free(p); }
