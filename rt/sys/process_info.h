// What the kernel handed the process at exec: arguments, environment, auxiliary vector, and
// the facts read from them. Recorded by start-up (rt/start) before any constructor runs; kept
// here, below every layer that asks (time for the vDSO, mem and thread for the page size).
#pragma once

#include <stddef.h>

#include "uapi.h"

namespace rt {

struct ProcessInfo {
    int argc;
    char** argv;
    char** envp;
    unsigned long* auxv; // pairs of (type, value), ended by type 0 (AT_NULL)
};

const ProcessInfo& process();

// The auxv entry of `type` (an rt::sys::auxv::* constant), or 0 when the kernel gave none.
unsigned long auxv(unsigned long type);

// The page size: AT_PAGESZ, or the ABI's smallest page size when the kernel gave none (never a
// hard-coded 4096: ppc64, aarch64 and loongarch kernels may use 16 or 64 KiB pages).
size_t page_size();

// Named auxv facts (0 / nullptr when absent).
inline unsigned long hwcap() { return auxv(sys::auxv::HWCAP); }
inline unsigned long hwcap2() { return auxv(sys::auxv::HWCAP2); }
inline const char* platform() { return reinterpret_cast<const char*>(auxv(sys::auxv::PLATFORM)); }
inline const char* execfn() { return reinterpret_cast<const char*>(auxv(sys::auxv::EXECFN)); }
// 16 random bytes from the kernel (AT_RANDOM); the stack-protector canary is taken from them.
inline const unsigned char* random_bytes() { return reinterpret_cast<const unsigned char*>(auxv(sys::auxv::RANDOM)); }
// The kernel's minimum signal stack size for this CPU (AT_MINSIGSTKSZ, Linux 5.14+ on x86 and
// arm64); 0 when the kernel does not say.
inline unsigned long min_sigstack_size() { return auxv(sys::auxv::MIN_SIGSTACK_SIZE); }

// The value of environment variable `name`, or nullptr.
const char* getenv(const char* name);

namespace detail {
// Zero until start-up fills it (and in hosted unit tests, which have no bedrock start-up:
// auxv() then answers 0 and page_size() the ABI's minimum).
extern ProcessInfo g_process;
} // namespace detail

} // namespace rt
