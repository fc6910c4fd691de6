// rt::bind(f, args...): f and its arguments, each decayed and moved (or copied) into one
// callable that takes no arguments and calls f with them, moved, once (a reference result is returned as a copy). What a thread, a pool task
// and an executor task keep until they run (std::thread's "decay-copy" of its arguments).
//
//   auto call = rt::bind(print_sum, 1, 2);  // holds print_sum, 1, 2
//   call();                                 // print_sum(1, 2)
#pragma once

#include "rt/core/traits.h"

namespace rt {

template <class F, class... A> constexpr auto bind(F&& f, A&&... args) {
    return [f = static_cast<decay_t<F>>(rt::forward<F>(f)),
            ... args = static_cast<decay_t<A>>(rt::forward<A>(args))]() mutable {
        return f(rt::move(args)...);
    };
}

} // namespace rt
