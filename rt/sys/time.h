// Clocks and sleeping. Every ABI gets 64-bit seconds: 32-bit ABIs use the *_time64 syscalls
// (Linux 5.1+), whose struct __kernel_timespec has the same layout as the 64-bit ABIs' timespec,
// and fall back on the 32-bit ones on older kernels (with_time32_fallback below).
#pragma once

#include "rt/sys/syscall.h"
#include "uapi.h"

namespace rt::sys {

struct Timespec {
    int64_t sec;
    int64_t nsec;
};
static_assert(sizeof(Timespec) == 16, "struct __kernel_timespec is two 64-bit fields");

// The timespec of the syscalls the *_time64 ones replace on 32-bit ABIs (struct
// old_timespec32, include/vdso/time32.h): 32-bit seconds and nanoseconds.
struct Timespec32 {
    int32_t sec;
    int32_t nsec;
};

namespace detail {
// Linux 5.1 added every *_time64 syscall at once (syscall numbers 403-423 on the generic
// table); a kernel that answers ENOSYS for one has none (or a filter stands in for such a
// kernel). Set by the first ENOSYS, after which the 32-bit syscalls are called directly:
// relaxed, as any thread that misses the store only asks once more.
inline bool g_time64_missing = false;

// f64() (a *_time64 syscall) or, once the kernel lacks those, f32() (its 32-bit predecessor).
template <class F64, class F32> auto with_time32_fallback(F64 f64, F32 f32) -> decltype(f64()) {
    if (!__atomic_load_n(&g_time64_missing, __ATOMIC_RELAXED)) {
        auto r = f64();
        if (r || r.error() != Errno::NOSYS) return r;
        __atomic_store_n(&g_time64_missing, true, __ATOMIC_RELAXED);
    }
    return f32();
}

// A timeout or sleep for a 32-bit syscall: seconds beyond 32 bits are clamped (2^31 s is over
// 68 years: a caller that loops until its deadline sleeps again; an absolute time past 2038
// cannot be expressed to such a kernel at all).
constexpr Timespec32 to_time32(const Timespec& t) {
    int64_t s = t.sec > INT32_MAX ? INT32_MAX : t.sec < INT32_MIN ? INT32_MIN : t.sec;
    return {static_cast<int32_t>(s), static_cast<int32_t>(t.nsec)};
}

template <class S = Sys> constexpr S clock_gettime_nr() {
    if constexpr (requires { S::clock_gettime64; }) return S::clock_gettime64;
    else return S::clock_gettime;
}
template <class S = Sys> constexpr S clock_nanosleep_nr() {
    if constexpr (requires { S::clock_nanosleep_time64; }) return S::clock_nanosleep_time64;
    else return S::clock_nanosleep;
}
} // namespace detail

template <class S = Sys> Expected<Timespec, Errno> clock_gettime(int clock) {
    Timespec ts{};
    Expected<void, Errno> r;
    if constexpr (requires { S::clock_gettime64; S::clock_gettime; }) {
        r = detail::with_time32_fallback([&] { return syscall<void>(S::clock_gettime64, clock, &ts); }, [&] {
            Timespec32 t32{};
            auto r32 = syscall<void>(S::clock_gettime, clock, &t32);
            ts = {t32.sec, t32.nsec};
            return r32;
        });
    } else {
        r = syscall<void>(detail::clock_gettime_nr<S>(), clock, &ts);
    }
    if (!r) return unexpected(r.error());
    return ts;
}

// flags 0: relative; clock::ABSTIME: until the absolute time. EINTR is returned as is
// (with the time left in *rem for a relative sleep) so that callers can be interrupted.
template <class S = Sys>
Expected<void, Errno> clock_nanosleep(int clock, int flags, const Timespec& t, Timespec* rem = nullptr) {
    if constexpr (requires { S::clock_nanosleep_time64; S::clock_nanosleep; }) {
        return detail::with_time32_fallback(
            [&] { return syscall<void>(S::clock_nanosleep_time64, clock, flags, &t, rem); }, [&] {
                Timespec32 t32 = detail::to_time32(t), rem32{};
                auto r = syscall<void>(S::clock_nanosleep, clock, flags, &t32, rem ? &rem32 : nullptr);
                // What the clamp left out is still to sleep.
                if (rem) *rem = {rem32.sec + (t.sec - t32.sec), rem32.nsec};
                return r;
            });
    } else {
        return syscall<void>(detail::clock_nanosleep_nr<S>(), clock, flags, &t, rem);
    }
}

} // namespace rt::sys
