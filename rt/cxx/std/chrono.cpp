// std::chrono's clocks (<chrono>): libstdc++'s headers declare system_clock::now() and
// steady_clock::now() (high_resolution_clock is system_clock) in the inline namespace
// std::chrono::_V2 and leave them to the compiled library. bedrock's versions read rt::now:
// CLOCK_REALTIME and CLOCK_MONOTONIC in nanoseconds, the periods libstdc++'s clocks declare
// (duration<int64_t, nano>, bits/chrono.h). The time points are classes holding that count,
// as std::chrono::time_point is, so they are returned the same way.
#include <stdint.h>

#include "rt/time/clock.h"

namespace std::chrono {
inline namespace _V2 {

struct TimePoint {
    int64_t ns;
};

struct system_clock {
    static TimePoint now() noexcept;
};
struct steady_clock {
    static TimePoint now() noexcept;
};

TimePoint system_clock::now() noexcept { return {rt::now(rt::Clock::Realtime)}; }
TimePoint steady_clock::now() noexcept { return {rt::now(rt::Clock::Monotonic)}; }

} // namespace _V2
} // namespace std::chrono
