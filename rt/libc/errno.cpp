// errno, for the C library calls that libstdc++'s headers make themselves (docs/cxx.md,
// "C library functions"): glibc's <errno.h> defines `errno` as (*__errno_location ()), so
// inline code compiled against it reads and writes the int this returns. One per thread.
// bedrock's own API has no errno (rt::Expected); only the functions of rt/libc set it.
#include "rt/libc/errno.h"

namespace rt::detail {
thread_local int t_errno = 0;
} // namespace rt::detail

extern "C" int* __errno_location() { return &rt::detail::t_errno; }
