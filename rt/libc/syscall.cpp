// syscall(2) as glibc declares it (<unistd.h>: long syscall(long number, ...)), which
// libstdc++'s std::atomic<T>::wait/notify call for the futex (bits/atomic_wait.h,
// bits/atomic_timed_wait.h). The arguments are six `long`s: the caller passes as many as the
// syscall takes and the rest are whatever the registers or stack hold, as with glibc (the kernel
// ignores them). The result or -1 with errno, the C library's convention.
#include <stdarg.h>

#include "rt/libc/errno.h"
#include "rt/sys/syscall.h"

extern "C" long syscall(long number, ...) {
    va_list ap;
    va_start(ap, number);
    rt::sys::Word a[6];
    for (auto& w : a) w = static_cast<rt::sys::Word>(va_arg(ap, long));
    va_end(ap);
    rt::sys::Word r = rt::arch::syscall6(static_cast<rt::sys::Word>(number), a[0], a[1], a[2], a[3], a[4], a[5]);
    if (rt::sys::is_error(r)) return rt::detail::set_errno(static_cast<rt::Errno>(-r));
    return static_cast<long>(r);
}
