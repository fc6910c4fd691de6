// Memory-mapping syscalls.
#pragma once

#include "arch_abi.h"
#include "rt/sys/syscall.h"
#include "uapi.h"

namespace rt::sys {

namespace detail {
// 32-bit ABIs map with mmap2, whose offset counts 4096-byte units whatever the page size
// (the kernel shifts by PAGE_SHIFT - 12); s390x passes the six arguments in memory (old_mmap).
template <class S = Sys> Expected<void*, Errno> mmap(void* addr, size_t len, int prot, int flags, int fd, uint64_t off) {
    if constexpr (requires { S::mmap2; }) {
        if (off & 4095) return unexpected(Errno::INVAL);
        return syscall<void*>(S::mmap2, addr, len, prot, flags, fd, static_cast<Word>(off >> 12));
    } else if constexpr (arch::MMAP_ARGS_IN_MEMORY) {
        unsigned long args[6] = {reinterpret_cast<unsigned long>(addr), len, static_cast<unsigned long>(prot),
                                 static_cast<unsigned long>(flags), static_cast<unsigned long>(fd),
                                 static_cast<unsigned long>(off)};
        return syscall<void*>(S::mmap, args);
    } else {
        return syscall<void*>(S::mmap, addr, len, prot, flags, fd, off);
    }
}
} // namespace detail

inline Expected<void*, Errno> mmap(void* addr, size_t len, int prot, int flags, int fd = -1, uint64_t off = 0) {
    return detail::mmap(addr, len, prot, flags, fd, off);
}
inline Expected<void, Errno> munmap(void* addr, size_t len) { return syscall<void>(Sys::munmap, addr, len); }
inline Expected<void, Errno> mprotect(void* addr, size_t len, int prot) {
    return syscall<void>(Sys::mprotect, addr, len, prot);
}
inline Expected<void, Errno> madvise(void* addr, size_t len, int advice) {
    return syscall<void>(Sys::madvise, addr, len, advice);
}

} // namespace rt::sys
