// What <new> would declare, for freestanding programs that cannot include libstdc++: the
// std::align_val_t and std::nothrow_t types the aligned and nothrow operator new/delete forms
// are declared with, and placement new. (The plain forms are declared by the compiler itself.)
// Include this header, not <new>, in the same program. Hosted code that has the standard
// library's <new> includes that one instead (the two define the same types).
#pragma once

#if __STDC_HOSTED__ && defined(__has_include)
#if __has_include(<new>)
#error "rt/cxx/new.h is for code without the C++ standard library: include <new> instead"
#endif
#endif

#include <stddef.h>

namespace std {
enum class align_val_t : size_t {};
struct nothrow_t {
    explicit nothrow_t() = default;
};
extern const nothrow_t nothrow;
} // namespace std

[[nodiscard]] void* operator new(size_t, const std::nothrow_t&) noexcept;
[[nodiscard]] void* operator new[](size_t, const std::nothrow_t&) noexcept;
[[nodiscard]] void* operator new(size_t, std::align_val_t);
[[nodiscard]] void* operator new[](size_t, std::align_val_t);
[[nodiscard]] void* operator new(size_t, std::align_val_t, const std::nothrow_t&) noexcept;
[[nodiscard]] void* operator new[](size_t, std::align_val_t, const std::nothrow_t&) noexcept;
void operator delete(void*, std::align_val_t) noexcept;
void operator delete[](void*, std::align_val_t) noexcept;
void operator delete(void*, size_t, std::align_val_t) noexcept;
void operator delete[](void*, size_t, std::align_val_t) noexcept;
void operator delete(void*, const std::nothrow_t&) noexcept;
void operator delete[](void*, const std::nothrow_t&) noexcept;
void operator delete(void*, std::align_val_t, const std::nothrow_t&) noexcept;
void operator delete[](void*, std::align_val_t, const std::nothrow_t&) noexcept;

[[nodiscard]] inline void* operator new(size_t, void* p) noexcept { return p; }
[[nodiscard]] inline void* operator new[](size_t, void* p) noexcept { return p; }
inline void operator delete(void*, void*) noexcept {}
inline void operator delete[](void*, void*) noexcept {}
