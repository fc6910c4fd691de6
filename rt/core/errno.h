// rt::Errno: the kernel's error numbers as a named enum. The values differ between
// architectures (mips, sparc, powerpc), so the enum is generated per syscall table from the
// kernel's uapi headers (errno_values.h, selected by the build's include path).
#pragma once

#include "errno_values.h"

namespace rt {

// "ENOENT" for Errno::NOENT; nullptr for a value the kernel does not define.
constexpr const char* errno_name(Errno e) { return detail::errno_name(static_cast<int>(e)); }

} // namespace rt
