// rt::Expected<T, E>: a value or an error, modeled on std::expected (which rt/ cannot include).
//
//   rt::Expected<size_t, rt::Errno> n = rt::sys::read(fd, buf, sizeof buf);
//   if (!n) return rt::unexpected(n.error());
//   auto doubled = n.transform([](size_t k) { return 2 * k; });           // Expected<size_t, Errno>
//   auto opened = path_ok().and_then([&] { return rt::sys::openat(...); }); // chains what can fail
//
// Differences from std::expected: accessing the wrong alternative panics with a message instead
// of being undefined behaviour; error() returns the error by value; there are no in_place /
// unexpect constructors and no emplace. Like std::expected, Expected is trivially copyable
// (and so returned in registers by the ABIs that return small trivial structs so) whenever T
// and E are, and E need not be default-constructible.
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

template <class T, class E> class Expected;

namespace detail {
[[noreturn, gnu::cold]] void bad_expected_access(bool wanted_value);

template <class T> inline constexpr bool is_expected_v = false;
template <class T, class E> inline constexpr bool is_expected_v<Expected<T, E>> = true;

// (Trivially copyable implies a trivial destructor: one condition for all special members.)
template <class T> inline constexpr bool trivially_copyable_v = __is_trivially_copyable(T);
template <> inline constexpr bool trivially_copyable_v<void> = true;

// The function of and_then / or_else must itself return an Expected.
template <class R> constexpr void require_expected() {
    static_assert(is_expected_v<remove_cvref_t<R>>, "rt::Expected: the function must return an rt::Expected");
}
} // namespace detail

template <class T, class E> class [[nodiscard]] Expected {
    static constexpr bool TRIVIAL = detail::trivially_copyable_v<T> && detail::trivially_copyable_v<E>;

public:
    using value_type = T;
    using error_type = E;

    constexpr Expected(const T& v) : val_(v), ok_(true) {}
    constexpr Expected(T&& v) : val_(rt::move(v)), ok_(true) {}
    constexpr Expected(Unexpected<E> u) : err_(rt::move(u.error)), ok_(false) {}

    Expected(const Expected&) requires TRIVIAL = default;
    Expected(const Expected& o) requires(!TRIVIAL) : ok_(o.ok_) { construct_from(o); }
    Expected(Expected&&) requires TRIVIAL = default;
    Expected(Expected&& o) requires(!TRIVIAL) : ok_(o.ok_) { construct_from(rt::move(o)); }
    Expected& operator=(const Expected&) requires TRIVIAL = default;
    Expected& operator=(const Expected& o) requires(!TRIVIAL) {
        if (this != &o) { destroy(); ok_ = o.ok_; construct_from(o); }
        return *this;
    }
    Expected& operator=(Expected&&) requires TRIVIAL = default;
    Expected& operator=(Expected&& o) requires(!TRIVIAL) {
        if (this != &o) { destroy(); ok_ = o.ok_; construct_from(rt::move(o)); }
        return *this;
    }
    ~Expected() requires TRIVIAL = default;
    ~Expected() requires(!TRIVIAL) { destroy(); }

    constexpr bool has_value() const { return ok_; }
    constexpr explicit operator bool() const { return ok_; }

    constexpr T& value() & { check(true); return val_; }
    constexpr const T& value() const& { check(true); return val_; }
    constexpr T&& value() && { check(true); return rt::move(val_); }
    constexpr E error() const { check(false); return err_; }

    constexpr T& operator*() & { return value(); }
    constexpr const T& operator*() const& { return value(); }
    constexpr T&& operator*() && { return rt::move(value()); }
    constexpr T* operator->() { return &value(); }
    constexpr const T* operator->() const { return &value(); }

    template <class U> constexpr T value_or(U&& fallback) const& {
        return ok_ ? val_ : static_cast<T>(rt::forward<U>(fallback));
    }
    template <class G> constexpr E error_or(G&& fallback) const {
        return ok_ ? static_cast<E>(rt::forward<G>(fallback)) : err_;
    }

    // f(value) → Expected<U, E>; an error passes through.
    template <class F> constexpr auto and_then(F&& f) const& {
        using R = invoke_result_t<F, const T&>;
        detail::require_expected<R>();
        if (ok_) return rt::forward<F>(f)(val_);
        return remove_cvref_t<R>(unexpected(err_));
    }
    // f(value) → U: Expected<U, E> (U may be void); an error passes through.
    template <class F> constexpr auto transform(F&& f) const& {
        using U = remove_cvref_t<invoke_result_t<F, const T&>>;
        if (!ok_) return Expected<U, E>(unexpected(err_));
        if constexpr (is_void_v<U>) {
            rt::forward<F>(f)(val_);
            return Expected<U, E>();
        } else {
            return Expected<U, E>(rt::forward<F>(f)(val_));
        }
    }
    // f(error) → Expected<T, G>; a value passes through.
    template <class F> constexpr auto or_else(F&& f) const& {
        using R = invoke_result_t<F, E>;
        detail::require_expected<R>();
        if (!ok_) return rt::forward<F>(f)(err_);
        return remove_cvref_t<R>(val_);
    }
    // f(error) → G: Expected<T, G>; a value passes through.
    template <class F> constexpr auto transform_error(F&& f) const& {
        using G = remove_cvref_t<invoke_result_t<F, E>>;
        if (ok_) return Expected<T, G>(val_);
        return Expected<T, G>(unexpected(rt::forward<F>(f)(err_)));
    }

    friend constexpr bool operator==(const Expected& a, const Expected& b) {
        if (a.ok_ != b.ok_) return false;
        return a.ok_ ? a.val_ == b.val_ : a.err_ == b.err_;
    }
    friend constexpr bool operator==(const Expected& a, const T& v) { return a.ok_ && a.val_ == v; }
    friend constexpr bool operator==(const Expected& a, const Unexpected<E>& u) { return !a.ok_ && a.err_ == u.error; }

private:
    constexpr void check(bool want_value) const {
        if (ok_ != want_value) detail::bad_expected_access(want_value);
    }
    template <class O> void construct_from(O&& o) {
        if (ok_) ::new (&val_, detail::PlacementTag{}) T(rt::forward<O>(o).val_);
        else ::new (&err_, detail::PlacementTag{}) E(rt::forward<O>(o).err_);
    }
    void destroy() {
        if (ok_) val_.~T();
        else err_.~E();
    }

    union {
        T val_;
        E err_;
    };
    bool ok_;
};

template <class E> class [[nodiscard]] Expected<void, E> {
    static constexpr bool TRIVIAL = detail::trivially_copyable_v<E>;

public:
    using value_type = void;
    using error_type = E;

    constexpr Expected() : none_(), ok_(true) {}
    constexpr Expected(Unexpected<E> u) : err_(rt::move(u.error)), ok_(false) {}

    Expected(const Expected&) requires TRIVIAL = default;
    Expected(const Expected& o) requires(!TRIVIAL) : none_(), ok_(o.ok_) {
        if (!ok_) ::new (&err_, detail::PlacementTag{}) E(o.err_);
    }
    Expected& operator=(const Expected&) requires TRIVIAL = default;
    Expected& operator=(const Expected& o) requires(!TRIVIAL) {
        if (this != &o) {
            if (!ok_) err_.~E();
            ok_ = o.ok_;
            if (!ok_) ::new (&err_, detail::PlacementTag{}) E(o.err_);
        }
        return *this;
    }
    ~Expected() requires TRIVIAL = default;
    ~Expected() requires(!TRIVIAL) {
        if (!ok_) err_.~E();
    }

    constexpr bool has_value() const { return ok_; }
    constexpr explicit operator bool() const { return ok_; }
    constexpr void value() const {
        if (!ok_) detail::bad_expected_access(true);
    }
    constexpr E error() const {
        if (ok_) detail::bad_expected_access(false);
        return err_;
    }
    template <class G> constexpr E error_or(G&& fallback) const {
        return ok_ ? static_cast<E>(rt::forward<G>(fallback)) : err_;
    }

    template <class F> constexpr auto and_then(F&& f) const {
        using R = invoke_result_t<F>;
        detail::require_expected<R>();
        if (ok_) return rt::forward<F>(f)();
        return remove_cvref_t<R>(unexpected(err_));
    }
    template <class F> constexpr auto transform(F&& f) const {
        using U = remove_cvref_t<invoke_result_t<F>>;
        if (!ok_) return Expected<U, E>(unexpected(err_));
        if constexpr (is_void_v<U>) {
            rt::forward<F>(f)();
            return Expected<U, E>();
        } else {
            return Expected<U, E>(rt::forward<F>(f)());
        }
    }
    template <class F> constexpr auto or_else(F&& f) const {
        using R = invoke_result_t<F, E>;
        detail::require_expected<R>();
        if (!ok_) return rt::forward<F>(f)(err_);
        return remove_cvref_t<R>();
    }
    template <class F> constexpr auto transform_error(F&& f) const {
        using G = remove_cvref_t<invoke_result_t<F, E>>;
        if (ok_) return Expected<void, G>();
        return Expected<void, G>(unexpected(rt::forward<F>(f)(err_)));
    }

    friend constexpr bool operator==(const Expected& a, const Expected& b) {
        return a.ok_ == b.ok_ && (a.ok_ || a.err_ == b.err_);
    }
    friend constexpr bool operator==(const Expected& a, const Unexpected<E>& u) { return !a.ok_ && a.err_ == u.error; }

private:
    struct None {};
    union {
        None none_;
        E err_;
    };
    bool ok_;
};

} // namespace rt
