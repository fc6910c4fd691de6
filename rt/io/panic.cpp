#include "rt/core/panic.h"

#include "rt/sys/fd.h"
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
    // One writev, not the formatter: the message is not interleaved with other threads' output,
    // and a program that only panics (every program can) does not link the formatter for it.
    size_t n = 0;
    while (msg[n] != 0) ++n;
    sys::Iovec parts[3] = {{"panic: ", 7}, {msg, n}, {"\n", 1}};
    (void)sys::writev(2, parts, 3);
    abort();
}

namespace detail {
void bad_expected_access(bool wanted_value) {
    panic(wanted_value ? "rt::Expected: value() called on an error" : "rt::Expected: error() called on a value");
}
} // namespace detail

} // namespace rt
