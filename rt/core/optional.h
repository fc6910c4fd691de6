// rt::Optional<T>: a value or none, for the fields of a config struct that the caller may leave
// to a default (docs/conventions.md, "Defaults"): an unset field — omitted from a designated
// initializer, or set to {} — takes the default its comment names; every value set is taken as
// it is, 0 included. For trivially copyable T (sizes, counts, flags), so a config stays a plain
// aggregate that is copied in registers.
//
//   rt::SpawnConfig cfg{.guard_size = 0};       // no guard page; stack_size unset: the default
//   size_t guard = cfg.guard_size.value_or(page);
#pragma once

namespace rt {

template <class T> class Optional {
    static_assert(__is_trivially_copyable(T), "rt::Optional holds trivially copyable values");

public:
    constexpr Optional() = default;
    constexpr Optional(T v) : value_(v), has_(true) {}

    constexpr bool has_value() const { return has_; }
    // The value; `fallback` when there is none.
    constexpr T value_or(T fallback) const { return has_ ? value_ : fallback; }

    friend constexpr bool operator==(const Optional& a, const Optional& b) {
        return a.has_ == b.has_ && (!a.has_ || a.value_ == b.value_);
    }

private:
    T value_{};
    bool has_ = false;
};

static_assert(!Optional<unsigned>().has_value() && Optional<unsigned>(0).has_value() &&
              Optional<unsigned>().value_or(7) == 7 && Optional<unsigned>(0).value_or(7) == 0 &&
              Optional<unsigned>(3) == Optional<unsigned>(3) && !(Optional<unsigned>() == Optional<unsigned>(0)));

} // namespace rt
