// sched_yield(2) as glibc declares it (<sched.h>), which libstdc++'s spin-then-wait loops call
// (std::this_thread::yield, bits/atomic_wait.h __thread_yield). Linux's sched_yield always
// succeeds.
#include "rt/sys/sched.h"

extern "C" int sched_yield() {
    (void)rt::sys::sched_yield();
    return 0;
}
