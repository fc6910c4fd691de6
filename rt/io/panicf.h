// rt::panicf: rt::panic (rt/core/panic.h) with a message formatted as rt::print formats it
// (rt/io/format.h, checked at compile time), for the panics that name a value (an errno, a
// clock). The message is cut at 255 bytes.
//
//   if (!r) rt::panicf("clock_gettime({}) failed: {}", id, r.error());
#pragma once

#include "rt/core/panic.h"
#include "rt/io/format.h"

namespace rt {

template <class... A> [[noreturn, gnu::cold]] void panicf(FormatString<A...> f, const A&... args) {
    char msg[256];
    format_to(msg, sizeof msg, f, args...);
    panic(msg);
}

} // namespace rt
