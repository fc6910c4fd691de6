// Bounded spinning before a sleep, shared by join (rt/thread/thread.cpp) and the executor's
// workers and await (rt/exec/executor.cpp). Callers spin only with more than one CPU.
#pragma once

#include <stdint.h>

#include "rt/sys/sched.h"
#include "rt/time/clock.h"

namespace rt::detail {

// Looks at done() for up to `d`; true once it holds. Yields after every 64 looks:
// the thread that will make done() true may be queued on this very CPU (the other ones busy),
// and a plain spin holds it off for the whole `d` (on a loaded 2-CPU machine spawn+join went
// from ~20 to 70-110 us, the executor's round trip from 0.5 to 42 us).
template <class P> bool spin_until(P done, Duration d) {
    Deadline until = deadline_after(d);
    do {
        for (int i = 0; i < 64; ++i)
            if (done()) return true;
        (void)sys::sched_yield();
    } while (!deadline_passed(until));
    return false;
}

} // namespace rt::detail
