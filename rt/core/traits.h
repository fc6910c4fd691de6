// Minimal type traits: rt/ may not include <type_traits> (libstdc++), so the few it needs live here.
#pragma once

namespace rt {

template <class T> struct RemoveRef { using Type = T; };
template <class T> struct RemoveRef<T&> { using Type = T; };
template <class T> struct RemoveRef<T&&> { using Type = T; };
template <class T> using remove_ref_t = typename RemoveRef<T>::Type;

template <class T> struct RemoveCv { using Type = T; };
template <class T> struct RemoveCv<const T> { using Type = T; };
template <class T> struct RemoveCv<volatile T> { using Type = T; };
template <class T> struct RemoveCv<const volatile T> { using Type = T; };
template <class T> using remove_cvref_t = typename RemoveCv<remove_ref_t<T>>::Type;

// std::decay: what a by-value capture or parameter of T holds (functions and arrays become
// pointers, references and cv-qualifiers go).
template <class T> struct DecayImpl { using Type = typename RemoveCv<T>::Type; };
template <class R, class... A> struct DecayImpl<R(A...)> { using Type = R (*)(A...); };
template <class R, class... A> struct DecayImpl<R(A...) noexcept> { using Type = R (*)(A...) noexcept; };
template <class T> struct DecayImpl<T[]> { using Type = T*; };
template <class T, __SIZE_TYPE__ N> struct DecayImpl<T[N]> { using Type = T*; };
template <class T> using decay_t = typename DecayImpl<remove_ref_t<T>>::Type;

template <class T> struct TypeIdentity { using Type = T; };
template <class T> using type_identity_t = typename TypeIdentity<T>::Type;

template <class A, class B> inline constexpr bool is_same_v = false;
template <class A> inline constexpr bool is_same_v<A, A> = true;

template <class A, class B>
concept SameAs = is_same_v<A, B> && is_same_v<B, A>;

template <class T> inline constexpr bool is_pointer_v = false;
template <class T> inline constexpr bool is_pointer_v<T*> = true;
template <class T> inline constexpr bool is_pointer_v<T* const> = true;

template <class T> inline constexpr bool is_void_v = is_same_v<typename RemoveCv<T>::Type, void>;
template <class T> inline constexpr bool is_reference_v = false;
template <class T> inline constexpr bool is_reference_v<T&> = true;
template <class T> inline constexpr bool is_reference_v<T&&> = true;

// Only for unevaluated operands (decltype), as std::declval.
template <class T> T&& declval() noexcept;
// What calling an F with arguments A... returns.
template <class F, class... A> using invoke_result_t = decltype(declval<F>()(declval<A>()...));

template <class T> constexpr remove_ref_t<T>&& move(T&& v) noexcept {
    return static_cast<remove_ref_t<T>&&>(v);
}
template <class T> constexpr T&& forward(remove_ref_t<T>& v) noexcept { return static_cast<T&&>(v); }
template <class T> constexpr T&& forward(remove_ref_t<T>&& v) noexcept { return static_cast<T&&>(v); }

} // namespace rt
