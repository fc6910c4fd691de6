// Process and thread-identity syscalls.
#pragma once

#include "arch_abi.h"
#include "rt/sys/syscall.h"
#include "uapi.h"

namespace rt::sys {

[[noreturn]] inline void exit(int code) {
    for (;;) raw(Sys::exit, code);
}
[[noreturn]] inline void exit_group(int code) {
    for (;;) raw(Sys::exit_group, code);
}

inline int getpid() { return static_cast<int>(raw(Sys::getpid)); }
inline int gettid() { return static_cast<int>(raw(Sys::gettid)); }

inline Expected<void, Errno> tgkill(int tgid, int tid, int sig) { return syscall<void>(Sys::tgkill, tgid, tid, sig); }
inline Expected<void, Errno> kill(int pid, int sig) { return syscall<void>(Sys::kill, pid, sig); }

// Returns the caller's tid; the kernel will clear *tidptr and futex-wake it at thread exit.
inline int set_tid_address(int* tidptr) { return static_cast<int>(raw(Sys::set_tid_address, to_word(tidptr))); }

inline Expected<long, Errno> prctl(int option, unsigned long a2 = 0, unsigned long a3 = 0, unsigned long a4 = 0,
                                   unsigned long a5 = 0) {
    return syscall<long>(Sys::prctl, option, a2, a3, a4, a5);
}

struct Utsname {
    char sysname[65];
    char nodename[65];
    char release[65];
    char version[65];
    char machine[65];
    char domainname[65];
};
inline Expected<void, Errno> uname(Utsname* u) { return syscall<void>(Sys::uname, u); }

// Fork-style clone: a new process sharing nothing, continuing on a copy of the caller's stack.
// Returns 0 in the child and the child's pid in the parent. `flags` carries the signal the
// parent gets at the child's exit (sig::CHLD for a waitable child) plus CLONE_* flags without
// CLONE_VM. The arch supplies the argument order and, on sparc, the child/parent convention.
inline Expected<int, Errno> clone(unsigned long flags) {
    return to_expected<int>(arch::clone_fork(static_cast<Word>(Sys::clone), flags));
}

// Gives the caller namespaces of its own: flags are clone_flag::NEW* (NEWNS, NEWUTS, NEWUSER,
// ...). EPERM: without CAP_SYS_ADMIN (NEWUSER needs none); EINVAL: a flag this kernel lacks.
inline Expected<void, Errno> unshare(unsigned long flags) { return syscall<void>(Sys::unshare, flags); }

inline Expected<void, Errno> execve(const char* path, const char* const* argv, const char* const* envp) {
    return syscall<void>(Sys::execve, path, argv, envp);
}

// A descriptor that refers to process `pid` (close-on-exec; readable with poll once it has
// exited). Linux 5.3; ENOSYS before.
inline Expected<int, Errno> pidfd_open(int pid, unsigned flags = 0) { return syscall<int>(Sys::pidfd_open, pid, flags); }
// Sends sig to the process of pidfd (never to a later process that reused its pid). Linux 5.1.
inline Expected<void, Errno> pidfd_send_signal(int pidfd, int sig) {
    return syscall<void>(Sys::pidfd_send_signal, pidfd, sig, nullptr, 0);
}

// A wait status as wait4 reports it.
struct WaitStatus {
    int raw;
    constexpr bool exited() const { return (raw & 0x7f) == 0; }
    constexpr int exit_code() const { return (raw >> 8) & 0xff; }
    constexpr bool signaled() const { return (raw & 0x7f) != 0 && (raw & 0x7f) != 0x7f; }
    constexpr int term_signal() const { return raw & 0x7f; }
};

namespace detail {
// riscv32 (and every ABI added to Linux after y2038 work) has no wait4: waitid reports the same
// facts in a siginfo, from which the wait status is rebuilt.
// (The first three ints are signo, errno, code everywhere but mips, which swaps the last two;
// mips has wait4, so it never comes here.)
union WaitSiginfo {
    struct {
        int signo, err, code;
        struct alignas(sizeof(long)) {
            int pid, uid, status;
        } chld;
    } f;
    unsigned char raw[128];
};
static_assert(sizeof(WaitSiginfo) == 128, "the kernel's siginfo is 128 bytes");
inline constexpr int CLD_EXITED = 1, CLD_KILLED = 2, CLD_DUMPED = 3, CLD_STOPPED = 5, CLD_CONTINUED = 6;

template <class S = Sys> Expected<int, Errno> wait4(int pid, WaitStatus* status, int options) {
    if constexpr (requires { S::wait4; }) {
        int st = 0;
        auto r = syscall<int>(S::wait4, pid, &st, options, nullptr);
        if (r && status) status->raw = st;
        return r;
    } else {
        WaitSiginfo si{};
        int idtype = pid > 0 ? wait::P_PID : pid == -1 ? wait::P_ALL : wait::P_PGID;
        unsigned id = pid > 0 ? pid : pid < -1 ? -pid : 0;
        if (pid == 0) idtype = wait::P_PGID; // 0 means "my process group" for P_PGID too
        auto r = syscall<void>(S::waitid, idtype, id, &si, options | wait::EXITED, nullptr);
        if (!r) return unexpected(r.error());
        if (si.f.chld.pid == 0) return 0; // WNOHANG and nothing to report
        if (status) {
            switch (si.f.code) {
            case CLD_EXITED: status->raw = (si.f.chld.status & 0xff) << 8; break;
            case CLD_KILLED: status->raw = si.f.chld.status & 0x7f; break;
            case CLD_DUMPED: status->raw = (si.f.chld.status & 0x7f) | 0x80; break;
            case CLD_STOPPED: status->raw = (si.f.chld.status << 8) | 0x7f; break;
            default: status->raw = 0xffff; break; // CLD_CONTINUED
            }
        }
        return si.f.chld.pid;
    }
}
} // namespace detail

// Returns the pid that changed state (0 with WNOHANG when none did).
inline Expected<int, Errno> wait4(int pid, WaitStatus* status, int options = 0) {
    return detail::wait4(pid, status, options);
}

} // namespace rt::sys
