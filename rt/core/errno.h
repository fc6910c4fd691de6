// rt::Errno: the kernel's error numbers as a named enum. The values differ between
// architectures (mips, sparc, powerpc), so the enum is generated per syscall table from the
// kernel's uapi headers (errno_values.h, selected by the build's include path).
#pragma once

#include "errno_values.h"
#include "rt/core/string_view.h"

namespace rt {

namespace detail {
// A walk of the generated value list and name string: about 1.4 KiB for all names where a
// switch compiled to a table of pointers plus code of about twice that. Only error messages
// use it.
constexpr const char* errno_name(int value) {
    const char* name = ERRNO_NAMES;
    for (unsigned short v : ERRNO_VALUES) {
        if (v == value) return name;
        name += StringView::length(name) + 1;
    }
    return nullptr;
}
} // namespace detail

// "ENOENT" for Errno::NOENT; nullptr for a value the kernel does not define. (rt::print's {}
// prints a value without a name as E?(<number>).)
constexpr const char* errno_name(Errno e) { return detail::errno_name(static_cast<int>(e)); }
// The spelling every bedrock error enum shares (rt/io/format.h's extension point).
constexpr const char* error_name(Errno e) { return errno_name(e); }

} // namespace rt
