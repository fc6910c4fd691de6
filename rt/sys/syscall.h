// The generic, typed syscall layer: rt::sys::syscall<R>(Sys::name, args...).
// Below it, the arch layer (syscall_arch.h, chosen by the build's include path) has already
// normalized every ABI's error convention to a return value in [-4095, -1]; here that becomes
// rt::Expected<R, rt::Errno>. Above it, rt/sys/*.h has one small wrapper per syscall.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "rt/core/errno.h"
#include "rt/core/expected.h"
#include "syscall_arch.h"
#include "syscall_nr.h"

namespace rt::sys {

using Word = arch::Word;

template <class T> constexpr Word to_word(T v) {
    if constexpr (is_pointer_v<T>) return static_cast<Word>(reinterpret_cast<uintptr_t>(v));
    else if constexpr (is_same_v<T, decltype(nullptr)>) return 0;
    else return static_cast<Word>(v);
}

inline Word raw(Sys n) { return arch::syscall0(static_cast<Word>(n)); }
inline Word raw(Sys n, Word a) { return arch::syscall1(static_cast<Word>(n), a); }
inline Word raw(Sys n, Word a, Word b) { return arch::syscall2(static_cast<Word>(n), a, b); }
inline Word raw(Sys n, Word a, Word b, Word c) { return arch::syscall3(static_cast<Word>(n), a, b, c); }
inline Word raw(Sys n, Word a, Word b, Word c, Word d) {
    return arch::syscall4(static_cast<Word>(n), a, b, c, d);
}
inline Word raw(Sys n, Word a, Word b, Word c, Word d, Word e) {
    return arch::syscall5(static_cast<Word>(n), a, b, c, d, e);
}
inline Word raw(Sys n, Word a, Word b, Word c, Word d, Word e, Word f) {
    return arch::syscall6(static_cast<Word>(n), a, b, c, d, e, f);
}

// The kernel reserves the top 4095 values of the return register for -errno.
constexpr bool is_error(Word r) { return r < 0 && r >= -4095; }

template <class R> Expected<R, Errno> to_expected(Word r) {
    if (is_error(r)) return unexpected(static_cast<Errno>(-r));
    if constexpr (is_same_v<R, void>) return {};
    else if constexpr (is_pointer_v<R>) return reinterpret_cast<R>(static_cast<uintptr_t>(r));
    else return static_cast<R>(r);
}

template <class R = Word, class... A> inline Expected<R, Errno> syscall(Sys n, A... args) {
    static_assert(sizeof...(A) <= 6, "Linux syscalls take at most six arguments");
    return to_expected<R>(raw(n, to_word(args)...));
}

} // namespace rt::sys
