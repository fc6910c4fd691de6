// rt::Thread: a kernel thread created with clone in one mapped block
//     [ guard | stack ........ | TLS area (PT_TLS image, TCB) | ThreadBlock | callable ]
// (the tail placed from the end of the mapping down, the stack top right below the TLS area)
// (docs/threads.md). spawn moves the callable and its arguments into the block; join waits on
// the tid word the kernel clears when the thread ends; detach lets the thread free its own
// block. Blocks of joined threads are kept in a small cache for the next spawn.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "rt/core/atomic.h"
#include "rt/core/bind.h"
#include "rt/core/errno.h"
#include "rt/core/expected.h"
#include "rt/core/optional.h"
#include "rt/core/traits.h"

namespace rt {

// What a field left unset means is at the field (rt::Optional: docs/conventions.md, "Defaults").
struct SpawnConfig {
    // Usable stack bytes (rounded up to pages, at least one). Unset: the build's default (meson
    // option thread_stack_size, 16 MiB unless configured).
    Optional<size_t> stack_size{};
    // PROT_NONE bytes below the stack (rounded up to pages). Unset: one page; 0: none.
    Optional<size_t> guard_size{};
    // The thread's name (at most 15 bytes), set before the callable runs; null: inherited.
    const char* name = nullptr;
};

struct SpawnError {
    enum Kind : uint8_t {
        ThreadQuotaExceeded,       // clone: EAGAIN (RLIMIT_NPROC, threads-max, pid_max)
        SystemResources,           // clone: ENOMEM
        OutOfMemory,               // the block could not be mapped (or its size overflows)
        LockedMemoryLimitExceeded, // mmap: EAGAIN (RLIMIT_MEMLOCK with MCL_FUTURE)
        NameTooLong,               // SpawnConfig::name over 15 bytes
        Unexpected,                // anything else; `err` says what
    };
    Kind kind;
    Errno err; // the kernel's error, when one caused it

    constexpr SpawnError(Kind k, Errno e = Errno{}) : kind(k), err(e) {}
    friend constexpr bool operator==(SpawnError a, Kind k) { return a.kind == k; }
};
// "OutOfMemory" for SpawnError::OutOfMemory; {} of a whole SpawnError prints the kind and, when
// the kernel's error caused it, that error: "ThreadQuotaExceeded (EAGAIN)".
constexpr const char* error_name(SpawnError::Kind k) {
    switch (k) {
    case SpawnError::ThreadQuotaExceeded: return "ThreadQuotaExceeded";
    case SpawnError::SystemResources: return "SystemResources";
    case SpawnError::OutOfMemory: return "OutOfMemory";
    case SpawnError::LockedMemoryLimitExceeded: return "LockedMemoryLimitExceeded";
    case SpawnError::NameTooLong: return "NameTooLong";
    case SpawnError::Unexpected: return "Unexpected";
    }
    return nullptr;
}
namespace fmt {
struct Sink;
}
void format_value(fmt::Sink& s, const SpawnError& e);

namespace detail {
// The size of the block (guard + stack + TLS and the thread's state) a spawn with `cfg` and a
// closure of that size and alignment maps; false when it cannot be represented (every sum is
// checked). For tests of the geometry; Thread::spawn uses it.
bool spawn_block_size(const SpawnConfig& cfg, size_t closure_size, size_t closure_align, size_t* size);

enum : uint32_t { THREAD_RUNNING = 0, THREAD_DETACHED = 1, THREAD_COMPLETED = 2 };

// Lives in the thread's block, above its TLS area.
struct ThreadBlock {
    // The thread's id: written by the kernel (CLONE_PARENT_SETTID in the parent before clone
    // returns, CLONE_CHILD_SETTID in the child before it runs), cleared and futex-woken
    // (CLONE_CHILD_CLEARTID) when the thread has ended and no longer touches the block.
    Atomic<int> tid;
    int id;             // the tid, kept after the kernel clears `tid`
    Atomic<uint32_t> state; // THREAD_RUNNING -> DETACHED (by detach) or COMPLETED (by the thread)
    uint32_t generation; // g_fork_generation of the process that runs the thread
    char* base;         // the mapping
    size_t size;
    size_t guard;
    size_t stack;       // stack bytes below the tail's pages (the stack also has the tail's slack)
    char* stack_top;    // where the stack starts: just below the TLS area, in the tail's pages
    void* tp;           // the thread pointer clone installs
    void* closure;      // the callable with its arguments
    void (*run)(void* closure);     // calls it, then destroys it
    void (*destroy)(void* closure); // destroys it without calling (spawn failed)
    char name[16];
};

// Maps (or takes from the cache) a block with room for a closure of the given size and
// alignment, with its TLS area initialized; `closure` points at the room.
Expected<ThreadBlock*, SpawnError> prepare_thread(const SpawnConfig& cfg, size_t closure_size, size_t closure_align);
// Starts the thread (the closure is in place); on failure destroys the closure, releases the block.
Expected<ThreadBlock*, SpawnError> start_thread(ThreadBlock* b);
// How many rt::fork calls made this process (0 in the program's first process): a block whose
// thread is still running (tid word set) but was spawned in an earlier generation belongs to a
// thread of an ancestor process, copied into this one by fork; it never ends here.
extern Atomic<uint32_t> g_fork_generation;
void join_thread(ThreadBlock* b);
void detach_thread(ThreadBlock* b);

} // namespace detail

class Thread {
public:
    // Starts `f(args...)` on a new thread; f and args are moved (or copied) into the thread's
    // block. The result of f is discarded.
    template <class F, class... A> static Expected<Thread, SpawnError> spawn(const SpawnConfig& cfg, F&& f, A&&... args) {
        auto body = rt::bind(rt::forward<F>(f), rt::forward<A>(args)...);
        using Body = decltype(body);
        auto b = detail::prepare_thread(cfg, sizeof(Body), alignof(Body));
        if (!b) return unexpected(b.error());
        ::new ((*b)->closure, detail::PlacementTag{}) Body(rt::move(body));
        (*b)->run = [](void* p) {
            auto body = static_cast<Body*>(p);
            (void)(*body)();
            body->~Body();
        };
        (*b)->destroy = [](void* p) { static_cast<Body*>(p)->~Body(); };
        auto s = detail::start_thread(*b);
        if (!s) return unexpected(s.error());
        return Thread(*s);
    }
    template <class F, class... A>
        requires(!is_same_v<remove_cvref_t<F>, SpawnConfig>)
    static Expected<Thread, SpawnError> spawn(F&& f, A&&... args) {
        return spawn(SpawnConfig{}, rt::forward<F>(f), rt::forward<A>(args)...);
    }

    // No thread (not joinable): a place to move a spawned one into, as std::thread.
    constexpr Thread() : b_(nullptr) {}
    Thread(Thread&& o) : b_(o.b_) { o.b_ = nullptr; }
    Thread& operator=(Thread&& o);
    Thread(const Thread&) = delete;
    Thread& operator=(const Thread&) = delete;
    // A thread must be joined or detached before its Thread is destroyed (panics otherwise).
    ~Thread();

    // Waits until the thread has ended, then releases its block.
    void join();
    // The thread frees its own block when it ends.
    void detach();
    bool joinable() const { return b_ != nullptr; }
    // The thread's kernel id (a tid, for tgkill and /proc/self/task; the kernel may reuse it once
    // the thread has ended); 0 once joined or detached.
    int handle() const;

private:
    explicit Thread(detail::ThreadBlock* b) : b_(b) {}
    detail::ThreadBlock* b_;
};

} // namespace rt
