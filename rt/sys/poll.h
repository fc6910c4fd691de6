// ppoll (ppoll_time64 on 32-bit ABIs). The timeout is relative; a null timeout waits forever.
#pragma once

#include "rt/sys/syscall.h"
#include "rt/sys/time.h"
#include "uapi.h"

namespace rt::sys {

struct PollFd {
    int fd;
    short events;
    short revents;
};
static_assert(sizeof(PollFd) == 8, "struct pollfd");

namespace detail {
template <class S = Sys> constexpr S ppoll_nr() {
    if constexpr (requires { S::ppoll_time64; }) return S::ppoll_time64;
    else return S::ppoll;
}
} // namespace detail

// The count of entries with events in revents (0: timed out). The signal mask is kept. On a
// kernel before 5.1, 32-bit ABIs fall back on the 32-bit ppoll (rt/sys/time.h).
template <class S = Sys> Expected<int, Errno> ppoll(PollFd* fds, size_t n, const Timespec* timeout) {
    if constexpr (requires { S::ppoll_time64; S::ppoll; }) {
        return detail::with_time32_fallback([&] { return syscall<int>(S::ppoll_time64, fds, n, timeout, nullptr, 0); },
                                            [&] {
                                                Timespec32 t32 = timeout ? detail::to_time32(*timeout) : Timespec32{};
                                                return syscall<int>(S::ppoll, fds, n, timeout ? &t32 : nullptr,
                                                                    nullptr, 0);
                                            });
    } else {
        return syscall<int>(detail::ppoll_nr<S>(), fds, n, timeout, nullptr, 0);
    }
}

} // namespace rt::sys
