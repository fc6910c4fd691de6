// rt::Atomic<T>: a value shared between threads, read and written only with an explicit memory
// order (the compilers' __atomic builtins: C++'s <atomic> is libstdc++'s, which rt/ cannot
// include). T is an integer, an enum or a pointer. Every operation names its order, so that each
// shared access states — and its comment justifies — what it synchronizes with. A futex word is
// an Atomic<uint32_t> (rt/sync/futex.h takes one).
//
//   rt::Atomic<uint32_t> state{0};
//   uint32_t expected = 0;
//   if (state.compare_exchange(expected, 1, rt::Order::Acquire, rt::Order::Relaxed)) ...
//   state.store(0, rt::Order::Release);
#pragma once

namespace rt {

enum class Order : int {
    Relaxed = __ATOMIC_RELAXED,
    Acquire = __ATOMIC_ACQUIRE,
    Release = __ATOMIC_RELEASE,
    AcqRel = __ATOMIC_ACQ_REL,
    SeqCst = __ATOMIC_SEQ_CST,
};

template <class T> class Atomic {
    static_assert(sizeof(T) <= 8 && __is_trivially_copyable(T), "rt::Atomic: an integer, enum or pointer");

public:
    constexpr Atomic() : v_() {}
    constexpr explicit Atomic(T v) : v_(v) {}
    Atomic(const Atomic&) = delete;
    Atomic& operator=(const Atomic&) = delete;

    T load(Order o) const { return __atomic_load_n(&v_, static_cast<int>(o)); }
    void store(T v, Order o) { __atomic_store_n(&v_, v, static_cast<int>(o)); }
    T exchange(T v, Order o) { return __atomic_exchange_n(&v_, v, static_cast<int>(o)); }
    // On failure `expected` receives the value found.
    bool compare_exchange(T& expected, T desired, Order success, Order failure) {
        return __atomic_compare_exchange_n(&v_, &expected, desired, false, static_cast<int>(success),
                                           static_cast<int>(failure));
    }
    // May fail spuriously: for loops that retry anyway.
    bool compare_exchange_weak(T& expected, T desired, Order success, Order failure) {
        return __atomic_compare_exchange_n(&v_, &expected, desired, true, static_cast<int>(success),
                                           static_cast<int>(failure));
    }
    T fetch_add(T d, Order o) { return __atomic_fetch_add(&v_, d, static_cast<int>(o)); }
    T fetch_sub(T d, Order o) { return __atomic_fetch_sub(&v_, d, static_cast<int>(o)); }
    T fetch_or(T d, Order o) { return __atomic_fetch_or(&v_, d, static_cast<int>(o)); }
    T fetch_and(T d, Order o) { return __atomic_fetch_and(&v_, d, static_cast<int>(o)); }

    // The word itself, for the kernel (futex, CLONE_CHILD_CLEARTID) and for code that reaches
    // it only through the kernel; never for plain loads or stores.
    T* word() { return &v_; }

private:
    T v_;
};

static_assert(sizeof(Atomic<unsigned>) == sizeof(unsigned) && alignof(Atomic<unsigned>) == alignof(unsigned));

// A fence between threads (atomic_thread_fence), and one between a thread and its own signal
// handler (atomic_signal_fence: orders the compiler only).
inline void thread_fence(Order o) { __atomic_thread_fence(static_cast<int>(o)); }
inline void signal_fence(Order o) { __atomic_signal_fence(static_cast<int>(o)); }

} // namespace rt
