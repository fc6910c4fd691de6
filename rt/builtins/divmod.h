// Signed division from the unsigned division of the same width, with C's semantics: the
// quotient truncates toward zero, the remainder takes the dividend's sign (ISO C 6.5.5). For
// the 64-bit helpers (int64.cpp) and the 128-bit ones (int128.cpp): only negation, sign tests
// and the unsigned division are used, none of which calls back into a division helper.
#pragma once

namespace rt::detail {

template <class S, class U, U (*udivmod)(U, U, U*)> S sdivmod(S n, S d, S* rem) {
    U un = n < 0 ? 0 - static_cast<U>(n) : static_cast<U>(n);
    U ud = d < 0 ? 0 - static_cast<U>(d) : static_cast<U>(d);
    U ur;
    U uq = udivmod(un, ud, &ur);
    if (rem) *rem = static_cast<S>(n < 0 ? 0 - ur : ur);
    return static_cast<S>((n < 0) != (d < 0) ? 0 - uq : uq);
}

} // namespace rt::detail
