// Resource limits (prlimit64: 64-bit limits on every ABI) and user identity.
#pragma once

#include <stdint.h>

#include "rt/sys/syscall.h"
#include "uapi.h"

namespace rt::sys {

// struct rlimit64 (include/uapi/linux/resource.h): two 64-bit fields everywhere.
struct Rlimit {
    uint64_t cur;
    uint64_t max;
};
inline constexpr uint64_t RLIM_INFINITY_64 = ~uint64_t{0}; // RLIM64_INFINITY

// Sets (when `set` is non-null) and/or reads (when `old` is non-null) a limit of process pid
// (0: the caller). resource: an rlimit:: constant.
inline Expected<void, Errno> prlimit(int pid, int resource, const Rlimit* set, Rlimit* old) {
    return syscall<void>(Sys::prlimit64, pid, resource, set, old);
}

namespace detail {
// The 32-bit uid syscalls where the ABI also has the 16-bit originals (arm, i386, sparc32).
template <class S = Sys> constexpr S setuid_nr() {
    if constexpr (requires { S::setuid32; }) return S::setuid32;
    else return S::setuid;
}
template <class S = Sys> constexpr S getuid_nr() {
    if constexpr (requires { S::getuid32; }) return S::getuid32;
    else return S::getuid;
}
} // namespace detail

inline uint32_t getuid() { return static_cast<uint32_t>(raw(detail::getuid_nr())); }
inline Expected<void, Errno> setuid(uint32_t uid) { return syscall<void>(detail::setuid_nr(), uid); }

} // namespace rt::sys
