// rt::Duration and rt::Deadline: the types every timed API takes (docs/conventions.md,
// "Timeouts"), with one saturating rule instead of bare int64_t nanoseconds.
//
//   using namespace rt::literals;
//   if (!ready.timed_wait(250_ms)) ...                        // a timeout, relative
//   rt::Deadline d = rt::deadline_after(2_s);                 // rt/time/clock.h
//   while (!done() && sem.wait_until(d)) ...                  // several waits, one deadline
//   ready.timed_wait(std::chrono::milliseconds(250));         // any std::chrono::duration too
//
// The rule, in one place:
//  - A Duration is a signed count of nanoseconds. Built from a count of larger units (or a
//    std::chrono::duration) that does not fit int64_t, it saturates at Duration::max() or
//    Duration::min(); a sum or difference saturates the same way. Sub-nanosecond units round
//    up, so a wait is never shorter than asked.
//  - A wait for a Duration d waits until the Deadline "now + d". d <= 0 means "do not wait":
//    the deadline is now, the call only polls and reports a timeout if it would have to wait.
//  - "now + d" that does not fit saturates at Deadline::never(): a timeout as long as int64_t
//    can say is no timeout, never a deadline in the past.
//  - A Deadline of NO_DEADLINE_AFTER (2^62 ns, ~146 years of CLOCK_MONOTONIC uptime, which the
//    clock cannot reach) or later is no deadline at all: the wait passes the kernel no timeout.
#pragma once

#include <stdint.h>

namespace rt {

// A std::chrono::duration (or anything shaped like one), found without including <chrono>:
// rt/ is freestanding, the caller's hosted code is not.
namespace detail {
// The comparisons of a type that is one int64_t of nanoseconds, read through ns(). (No <=>:
// it needs <compare>, a header of the C++ library, which rt/ does not include.)
template <class T> struct NsOrdered {
    friend constexpr bool operator==(T a, T b) { return a.ns() == b.ns(); }
    friend constexpr bool operator!=(T a, T b) { return a.ns() != b.ns(); }
    friend constexpr bool operator<(T a, T b) { return a.ns() < b.ns(); }
    friend constexpr bool operator<=(T a, T b) { return a.ns() <= b.ns(); }
    friend constexpr bool operator>(T a, T b) { return a.ns() > b.ns(); }
    friend constexpr bool operator>=(T a, T b) { return a.ns() >= b.ns(); }
};
} // namespace detail

template <class D>
concept ChronoDuration = requires(const D& d) {
    d.count();
    D::period::num;
    D::period::den;
};

class Duration : public detail::NsOrdered<Duration> {
public:
    constexpr Duration() = default;
    static constexpr Duration nanoseconds(int64_t n) { return Duration(n); }
    static constexpr Duration microseconds(int64_t n) { return scaled(n, 1'000); }
    static constexpr Duration milliseconds(int64_t n) { return scaled(n, 1'000'000); }
    static constexpr Duration seconds(int64_t n) { return scaled(n, 1'000'000'000); }
    static constexpr Duration max() { return Duration(INT64_MAX); }
    static constexpr Duration min() { return Duration(INT64_MIN); }
    static constexpr Duration zero() { return Duration(); }

    // Implicit, so that std::chrono's literals and types pass straight in (saturating, rounding
    // up below a nanosecond).
    template <ChronoDuration D> constexpr Duration(const D& d) : ns_(from_chrono(d)) {}

    constexpr int64_t ns() const { return ns_; }

    friend constexpr Duration operator+(Duration a, Duration b) {
        int64_t r;
        if (__builtin_add_overflow(a.ns_, b.ns_, &r)) return b.ns_ > 0 ? max() : min();
        return Duration(r);
    }
    friend constexpr Duration operator-(Duration a, Duration b) {
        int64_t r;
        if (__builtin_sub_overflow(a.ns_, b.ns_, &r)) return b.ns_ < 0 ? max() : min();
        return Duration(r);
    }

private:
    constexpr explicit Duration(int64_t ns) : ns_(ns) {}
    static constexpr Duration scaled(int64_t n, int64_t unit) {
        int64_t r;
        if (__builtin_mul_overflow(n, unit, &r)) return n > 0 ? max() : min();
        return Duration(r);
    }
    template <class D> static constexpr int64_t from_chrono(const D& d) {
        using Rep = decltype(d.count());
        constexpr long long NUM = D::period::num, DEN = D::period::den;
        if constexpr (static_cast<Rep>(1) / 2 != 0) {
            // A floating-point count (std::chrono::duration<double>).
            auto v = static_cast<double>(d.count()) * (1e9 * static_cast<double>(NUM) / static_cast<double>(DEN));
            if (!(v == v)) return 0; // NaN: no time at all
            if (v >= 9.2233720368547758e18) return INT64_MAX;
            if (v <= -9.2233720368547758e18) return INT64_MIN;
            auto t = static_cast<int64_t>(v);
            return static_cast<double>(t) < v ? t + 1 : t;
        } else {
            auto count = static_cast<long long>(d.count());
            static_assert(NUM > 0 && DEN > 0, "rt::Duration: a period that is not positive");
            if constexpr ((1'000'000'000LL % DEN == 0) && NUM <= INT64_MAX / (1'000'000'000LL / DEN)) {
                // Whole nanoseconds per tick: seconds, milliseconds, minutes, hours, ...
                return scaled(count, NUM * (1'000'000'000LL / DEN)).ns_;
            } else {
                static_assert(DEN % 1'000'000'000LL == 0 && NUM == 1,
                              "rt::Duration: only periods that are a whole number of nanoseconds, or 1/k of one");
                constexpr long long TICKS_PER_NS = DEN / 1'000'000'000LL;
                long long q = count / TICKS_PER_NS;
                return count % TICKS_PER_NS > 0 ? q + 1 : q;
            }
        }
    }
    int64_t ns_ = 0;
};

inline constexpr int64_t NO_DEADLINE_AFTER = int64_t{1} << 62;

// An instant of CLOCK_MONOTONIC (rt::now(Clock::Monotonic) nanoseconds), or none.
class Deadline : public detail::NsOrdered<Deadline> {
public:
    // never(): a config field or member that holds a Deadline has none until it is given one.
    constexpr Deadline() = default;
    // No deadline: the wait ends only by its event (or cancellation).
    static constexpr Deadline never() { return Deadline(INT64_MAX); }
    // The instant `monotonic_ns` (as rt::now(Clock::Monotonic) returns it).
    static constexpr Deadline at(int64_t monotonic_ns) { return Deadline(monotonic_ns); }
    // The rule (see the top): `now_ns` plus `d`; d <= 0 is now, a sum that does not fit never().
    // rt::deadline_after (rt/time/clock.h) reads the clock for `now_ns`.
    static constexpr Deadline after(int64_t now_ns, Duration d) {
        if (d.ns() <= 0) return Deadline(now_ns);
        int64_t r;
        return __builtin_add_overflow(now_ns, d.ns(), &r) ? never() : Deadline(r);
    }

    constexpr bool is_never() const { return ns_ >= NO_DEADLINE_AFTER; }
    constexpr int64_t ns() const { return ns_; }
    // What is left at `now_ns`: zero once the deadline has passed, max() for never().
    constexpr Duration remaining(int64_t now_ns) const {
        if (is_never()) return Duration::max();
        return ns_ <= now_ns ? Duration::zero() : Duration::nanoseconds(ns_ - now_ns);
    }
    constexpr bool passed(int64_t now_ns) const { return !is_never() && now_ns >= ns_; }


private:
    constexpr explicit Deadline(int64_t ns) : ns_(ns) {}
    int64_t ns_ = INT64_MAX;
};

namespace literals {
// 5_ns, 20_us, 250_ms, 2_s; values beyond int64_t nanoseconds saturate at Duration::max().
constexpr Duration operator""_ns(unsigned long long n) {
    return Duration::nanoseconds(n > INT64_MAX ? INT64_MAX : static_cast<int64_t>(n));
}
constexpr Duration operator""_us(unsigned long long n) {
    return Duration::microseconds(n > INT64_MAX ? INT64_MAX : static_cast<int64_t>(n));
}
constexpr Duration operator""_ms(unsigned long long n) {
    return Duration::milliseconds(n > INT64_MAX ? INT64_MAX : static_cast<int64_t>(n));
}
constexpr Duration operator""_s(unsigned long long n) {
    return Duration::seconds(n > INT64_MAX ? INT64_MAX : static_cast<int64_t>(n));
}
} // namespace literals

static_assert(sizeof(Duration) == 8 && sizeof(Deadline) == 8, "one int64_t each: passed in registers");
static_assert(Deadline::after(5, Duration::max()) == Deadline::never() &&
              Deadline::after(5, Duration::nanoseconds(-3)) == Deadline::at(5) &&
              Deadline::after(5, Duration()) == Deadline::at(5) && Deadline::after(5, Duration::nanoseconds(7)).ns() == 12 &&
              Deadline::never().is_never() && Duration::seconds(INT64_MAX / 2) == Duration::max() &&
              Duration::milliseconds(-INT64_MAX) == Duration::min() && Duration::max() + Duration::seconds(1) == Duration::max());

} // namespace rt
