// Whole-system syscalls: power state, the buffer cache, the host name. Each needs a capability
// (CAP_SYS_BOOT, CAP_SYS_ADMIN) in the caller's namespace; EPERM without it.
#pragma once

#include <stddef.h>

#include "rt/sys/syscall.h"
#include "uapi.h"

namespace rt::sys {

// reboot(2) with the kernel's two magic numbers. cmd: linux_reboot:: RESTART, HALT, POWER_OFF,
// CAD_ON, CAD_OFF. RESTART, HALT and POWER_OFF do not return when they succeed; in a PID
// namespace other than the first they end that namespace's init instead. EINVAL: unknown cmd.
inline Expected<void, Errno> reboot(unsigned long cmd) {
    return syscall<void>(Sys::reboot, linux_reboot::MAGIC1, linux_reboot::MAGIC2, cmd, nullptr);
}

// Writes every file system's dirty data out (sync(2)); it cannot fail.
inline void sync() { (void)raw(Sys::sync); }

// Sets the UTS namespace's host name (at most 64 bytes, no NUL needed). EINVAL: too long.
inline Expected<void, Errno> sethostname(const char* name, size_t len) {
    return syscall<void>(Sys::sethostname, name, len);
}

} // namespace rt::sys
