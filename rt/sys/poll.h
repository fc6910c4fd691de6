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

// The count of entries with events in revents (0: timed out). The signal mask is kept.
inline Expected<int, Errno> ppoll(PollFd* fds, size_t n, const Timespec* timeout) {
    return syscall<int>(detail::ppoll_nr(), fds, n, timeout, nullptr, 0);
}

} // namespace rt::sys
