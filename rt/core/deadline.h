// The one rule for timeouts (docs/conventions.md): a wait "for ns nanoseconds" becomes an
// absolute CLOCK_MONOTONIC deadline, deadline_add(now, ns), and waits until then.
//  - ns <= 0 is "do not wait": the deadline is now (the wait only polls);
//  - a sum that does not fit saturates at NEVER (INT64_MAX): a timeout as long as int64_t can
//    say is "no timeout", never a deadline in the past;
//  - every wait treats a deadline beyond NO_DEADLINE_AFTER (~146 years of uptime, which the
//    monotonic clock cannot reach) as none and passes the kernel no timeout.
//
//   int64_t deadline = rt::deadline_after(ns); // rt/time/clock.h: now(Clock::Monotonic) + ns
#pragma once

#include <stdint.h>

namespace rt {

inline constexpr int64_t NEVER = INT64_MAX;
inline constexpr int64_t NO_DEADLINE_AFTER = int64_t{1} << 62;

constexpr int64_t deadline_add(int64_t now_ns, int64_t ns) {
    if (ns <= 0) return now_ns;
    int64_t d;
    return __builtin_add_overflow(now_ns, ns, &d) ? NEVER : d;
}

constexpr bool is_no_deadline(int64_t deadline_ns) { return deadline_ns >= NO_DEADLINE_AFTER; }

static_assert(deadline_add(5, INT64_MAX) == NEVER && deadline_add(5, -3) == 5 && deadline_add(5, 0) == 5 &&
              deadline_add(5, 7) == 12 && is_no_deadline(NEVER));

} // namespace rt
