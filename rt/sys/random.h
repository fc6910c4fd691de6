// getrandom(2).
#pragma once

#include "rt/sys/syscall.h"
#include "uapi.h"

namespace rt::sys {

inline Expected<size_t, Errno> getrandom(void* buf, size_t n, unsigned flags = 0) {
    return syscall<size_t>(Sys::getrandom, buf, n, flags);
}

} // namespace rt::sys
