#include "rt/core/panic.h"

#include "rt/io/print.h"
#include "rt/sys/process.h"
#include "rt/sys/signal.h"

namespace rt {

void abort() {
    // Make sure SIGABRT is deliverable and fatal even if the program changed its disposition.
    sys::SigSet none{};
    (void)sys::sigaction(sys::sig::ABRT, nullptr /* SIG_DFL */, 0, none);
    sys::SigSet abrt{};
    sys::sigset_add(abrt, sys::sig::ABRT);
    (void)sys::rt_sigprocmask(sys::sig::UNBLOCK, &abrt, nullptr);
    (void)sys::tgkill(sys::getpid(), sys::gettid(), sys::sig::ABRT);
    // Only reachable if the signal could not be delivered at all.
    sys::exit_group(127);
}

void panic(const char* msg) {
    eprint("panic: {}\n", msg);
    abort();
}

namespace detail {
void bad_expected_access(bool wanted_value) {
    panic(wanted_value ? "rt::Expected: value() called on an error" : "rt::Expected: error() called on a value");
}
} // namespace detail

} // namespace rt
