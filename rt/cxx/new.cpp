// Every form of operator new and delete (C++17: plain, array, sized, aligned, nothrow). Without
// exceptions, the throwing forms panic when memory runs out instead of throwing bad_alloc.
#include "rt/cxx/new.h"

#include "rt/core/panic.h"
#include "rt/cxx/page_alloc.h"

namespace std {
const nothrow_t nothrow{};
}

namespace {
constexpr size_t DEFAULT_ALIGN = __STDCPP_DEFAULT_NEW_ALIGNMENT__;

void* checked(size_t n, size_t align) {
    void* p = rt::detail::page_alloc(n ? n : 1, align);
    if (!p) rt::panic("operator new: out of memory");
    return p;
}
} // namespace

void* operator new(size_t n) { return checked(n, DEFAULT_ALIGN); }
void* operator new[](size_t n) { return checked(n, DEFAULT_ALIGN); }
void* operator new(size_t n, std::align_val_t a) { return checked(n, static_cast<size_t>(a)); }
void* operator new[](size_t n, std::align_val_t a) { return checked(n, static_cast<size_t>(a)); }
void* operator new(size_t n, const std::nothrow_t&) noexcept { return rt::detail::page_alloc(n ? n : 1, DEFAULT_ALIGN); }
void* operator new[](size_t n, const std::nothrow_t&) noexcept { return rt::detail::page_alloc(n ? n : 1, DEFAULT_ALIGN); }
void* operator new(size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
    return rt::detail::page_alloc(n ? n : 1, static_cast<size_t>(a));
}
void* operator new[](size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
    return rt::detail::page_alloc(n ? n : 1, static_cast<size_t>(a));
}

void operator delete(void* p) noexcept { rt::detail::page_free(p); }
void operator delete[](void* p) noexcept { rt::detail::page_free(p); }
void operator delete(void* p, size_t) noexcept { rt::detail::page_free(p); }
void operator delete[](void* p, size_t) noexcept { rt::detail::page_free(p); }
void operator delete(void* p, std::align_val_t) noexcept { rt::detail::page_free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { rt::detail::page_free(p); }
void operator delete(void* p, size_t, std::align_val_t) noexcept { rt::detail::page_free(p); }
void operator delete[](void* p, size_t, std::align_val_t) noexcept { rt::detail::page_free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { rt::detail::page_free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { rt::detail::page_free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { rt::detail::page_free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { rt::detail::page_free(p); }
