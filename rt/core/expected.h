// rt::Expected<T, E>: a value or an error, modeled on std::expected (which rt/ cannot include).
// Accessing the wrong alternative panics with a message instead of being undefined behaviour.
#pragma once

#include "rt/core/panic.h"
#include "rt/core/traits.h"

namespace rt::detail {
struct PlacementTag {};
} // namespace rt::detail

// A placement form of our own: <new> is a libstdc++ header, and declaring the standard
// placement operator would clash with it in hosted code that includes both.
inline void* operator new(__SIZE_TYPE__, void* p, rt::detail::PlacementTag) noexcept { return p; }

namespace rt {

template <class E> struct Unexpected {
    E error;
};
template <class E> constexpr Unexpected<E> unexpected(E e) { return Unexpected<E>{e}; }

namespace detail {
[[noreturn, gnu::cold]] void bad_expected_access(bool wanted_value);
} // namespace detail

template <class T, class E> class [[nodiscard]] Expected {
public:
    using value_type = T;
    using error_type = E;

    Expected(const T& v) : ok_(true) { ::new (&val_, detail::PlacementTag{}) T(v); }
    Expected(T&& v) : ok_(true) { ::new (&val_, detail::PlacementTag{}) T(rt::move(v)); }
    constexpr Expected(Unexpected<E> u) : err_(u.error), ok_(false) {}

    Expected(const Expected& o) : ok_(o.ok_) { construct_from(o); }
    Expected(Expected&& o) : ok_(o.ok_) { construct_from(rt::move(o)); }
    Expected& operator=(const Expected& o) {
        if (this != &o) { destroy(); ok_ = o.ok_; construct_from(o); }
        return *this;
    }
    Expected& operator=(Expected&& o) {
        if (this != &o) { destroy(); ok_ = o.ok_; construct_from(rt::move(o)); }
        return *this;
    }
    ~Expected() { destroy(); }

    constexpr bool has_value() const { return ok_; }
    constexpr explicit operator bool() const { return ok_; }

    T& value() & { check(true); return val_; }
    const T& value() const& { check(true); return val_; }
    T&& value() && { check(true); return rt::move(val_); }
    E error() const { check(false); return err_; }

    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T&& operator*() && { return rt::move(value()); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    template <class U> T value_or(U&& fallback) const& {
        return ok_ ? val_ : static_cast<T>(rt::forward<U>(fallback));
    }

private:
    void check(bool want_value) const {
        if (ok_ != want_value) detail::bad_expected_access(want_value);
    }
    template <class O> void construct_from(O&& o) {
        if (ok_) ::new (&val_, detail::PlacementTag{}) T(rt::forward<O>(o).val_);
        else err_ = o.err_;
    }
    void destroy() {
        if (ok_) val_.~T();
    }

    union {
        T val_;
        E err_;
    };
    bool ok_;
};

template <class E> class [[nodiscard]] Expected<void, E> {
public:
    using value_type = void;
    using error_type = E;

    constexpr Expected() : err_(), ok_(true) {}
    constexpr Expected(Unexpected<E> u) : err_(u.error), ok_(false) {}

    constexpr bool has_value() const { return ok_; }
    constexpr explicit operator bool() const { return ok_; }
    void value() const {
        if (!ok_) detail::bad_expected_access(true);
    }
    E error() const {
        if (ok_) detail::bad_expected_access(false);
        return err_;
    }

private:
    E err_;
    bool ok_;
};

} // namespace rt
