// Mounting and unmounting file systems (mount(2), umount2(2)). Both need CAP_SYS_ADMIN in the
// caller's mount namespace: EPERM otherwise.
#pragma once

#include "rt/sys/syscall.h"
#include "uapi.h"

namespace rt::sys {

// Attaches file system `type` (as /proc/filesystems names it: "proc", "tmpfs", ...) from
// `source` at `target`. flags: ms:: constants; data: the file system's own options as a
// string ("mode=0755,size=64m"), or null. ENODEV: no such file system type; ENOENT: target
// missing; EBUSY: already mounted there (for a source that allows one mount only).
inline Expected<void, Errno> mount(const char* source, const char* target, const char* type, unsigned long flags,
                                   const char* data) {
    return syscall<void>(Sys::mount, source, target, type, flags, data);
}

// Detaches the file system mounted at target. flags: umount:: constants (DETACH: lazily, once
// no longer busy). EINVAL: target is not a mount point; EBUSY: in use and not DETACH.
inline Expected<void, Errno> umount2(const char* target, int flags) {
    return syscall<void>(Sys::umount2, target, flags);
}

} // namespace rt::sys
