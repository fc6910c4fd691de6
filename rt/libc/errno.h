// The errno of rt/libc's C-library entry points (errno.cpp).
#pragma once

#include "rt/core/errno.h"

extern "C" int* __errno_location();

namespace rt::detail {

// The C library's convention: -1 with errno set.
inline int set_errno(Errno e) {
    *__errno_location() = static_cast<int>(e);
    return -1;
}

} // namespace rt::detail
