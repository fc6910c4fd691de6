// nanosleep(2) as glibc declares it (<time.h>), which libstdc++'s std::this_thread::sleep_for
// calls (bits/this_thread_sleep.h; used by the timed waits of <semaphore>). The struct is the C
// library's (rt::arch::LibcTimespec, libc_abi.h), converted to the kernel's 64-bit one; the
// sleep is clock_nanosleep(CLOCK_REALTIME, relative) as glibc's. Interrupted by a signal
// handler: -1, errno EINTR and the time left in *rem, so that the caller's loop resumes.
#include "libc_abi.h"
#include "rt/libc/errno.h"
#include "rt/sys/time.h"

extern "C" int nanosleep(const rt::arch::LibcTimespec* req, rt::arch::LibcTimespec* rem) {
    if (req == nullptr) return rt::detail::set_errno(rt::Errno::FAULT);
    const rt::sys::Timespec t{req->tv_sec, req->tv_nsec};
    rt::sys::Timespec left{};
    auto r = rt::sys::clock_nanosleep(rt::sys::clock::REALTIME, 0, t, &left);
    if (r) return 0;
    if (r.error() == rt::Errno::INTR && rem != nullptr) {
        rem->tv_sec = static_cast<decltype(rem->tv_sec)>(left.sec);
        rem->tv_nsec = static_cast<long>(left.nsec);
    }
    return rt::detail::set_errno(r.error());
}
