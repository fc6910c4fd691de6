#include "rt/exec/executor.h"

#include "rt/thread/this_thread.h"

namespace rt {

Executor::Executor(const Options& o) {
    unsigned cpus = cpu_count();
    detail::exec_init(&s_, o.async_limit.value_or(cpus - 1), o.concurrent_limit.value_or(~0u), o.stack_size);
    detail::cancel_signal_acquire();
}

Executor::~Executor() {
    detail::exec_stop(&s_);
    detail::cancel_signal_release();
}

unsigned Executor::workers() const { return detail::exec_workers(&s_); }

} // namespace rt
