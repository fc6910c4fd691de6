// Clocks and sleeping. Every ABI gets 64-bit seconds: 32-bit ABIs use the *_time64 syscalls
// (Linux 5.1+), whose struct __kernel_timespec has the same layout as the 64-bit ABIs' timespec.
#pragma once

#include "rt/sys/syscall.h"
#include "uapi.h"

namespace rt::sys {

struct Timespec {
    int64_t sec;
    int64_t nsec;
};
static_assert(sizeof(Timespec) == 16, "struct __kernel_timespec is two 64-bit fields");

namespace detail {
template <class S = Sys> constexpr S clock_gettime_nr() {
    if constexpr (requires { S::clock_gettime64; }) return S::clock_gettime64;
    else return S::clock_gettime;
}
template <class S = Sys> constexpr S clock_nanosleep_nr() {
    if constexpr (requires { S::clock_nanosleep_time64; }) return S::clock_nanosleep_time64;
    else return S::clock_nanosleep;
}
} // namespace detail

inline Expected<Timespec, Errno> clock_gettime(int clock) {
    Timespec ts{};
    auto r = syscall<void>(detail::clock_gettime_nr(), clock, &ts);
    if (!r) return unexpected(r.error());
    return ts;
}

// flags 0: relative; clock::ABSTIME: until the absolute time. EINTR is returned as is
// (with the time left in *rem for a relative sleep) so that callers can be interrupted.
inline Expected<void, Errno> clock_nanosleep(int clock, int flags, const Timespec& t, Timespec* rem = nullptr) {
    return syscall<void>(detail::clock_nanosleep_nr(), clock, flags, &t, rem);
}

} // namespace rt::sys
