#include "rt/thread/thread.h"

#include "rt/core/align.h"
#include "rt/core/checked.h"
#include "rt/core/panic.h"
#include "rt/io/format.h"
#include "rt/sys/process_info.h"
#include "rt/sync/mutex.h"
#include "rt/sys/futex.h"
#include "rt/sys/mem.h"
#include "rt/sys/process.h"
#include "rt/sys/signal.h"
#include "rt/thread/clone.h"
#include "rt/tls/exit_hooks.h"
#include "rt/sync/spin.h"
#include "rt/tls/tcb.h"
#include "rt/thread/this_thread.h"
#include "rt/time/clock.h"
#include "uapi.h"

extern "C" uintptr_t __stack_chk_guard;

namespace rt {

void format_value(fmt::Sink& s, const SpawnError& e) {
    if (e.err == Errno{}) fmt::format_into(s, "{}", e.kind);
    else fmt::format_into(s, "{} ({})", e.kind, e.err);
}

namespace detail {

namespace {

constexpr int64_t JOIN_SPIN_NS = 50'000;
// cpu_count(), taken at the first spawn; read by joins. Relaxed: two first spawns at once both
// store the same value, and a join that reads 0 only skips its spin.
Atomic<unsigned> g_cpus;

constexpr size_t STACK_TOP_ALIGN = 64;

// Geometry of a block: everything but the closure's size is fixed by the process (page size,
// TLS layout), so blocks of equal (stack, guard, tail) are interchangeable.
struct Geometry {
    size_t guard, stack, tail, size; // tail: TLS area + ThreadBlock + closure, rounded to pages
};

// False when the sizes cannot be represented (rt/core/checked.h: every sum checked).
bool geometry(const SpawnConfig& cfg, size_t closure_size, size_t closure_align, Geometry* g) {
    size_t page = page_size();
    size_t guard = cfg.guard_size.value_or(page);
    size_t stack = cfg.stack_size.value_or(RT_OPT_THREAD_STACK_SIZE);
    if (stack == 0) stack = page;
    if (!checked_align_up(guard, page, &guard) || !checked_align_up(stack, page, &stack)) return false;
    const tls::Layout& l = g_tls_layout;
    if (closure_align > page) return false;
    // Worst-case slack for aligning each part inside the tail (placed from its end down), and
    // for the stack top below it.
    size_t tail, size;
    if (!checked_sum(&tail, l.align, l.size, alignof(ThreadBlock), sizeof(ThreadBlock), closure_align, closure_size,
                     STACK_TOP_ALIGN) ||
        !checked_align_up(tail, page, &tail) || !checked_sum(&size, guard, stack, tail))
        return false;
    *g = Geometry{guard, stack, tail, size};
    return true;
}

} // namespace

bool spawn_block_size(const SpawnConfig& cfg, size_t closure_size, size_t closure_align, size_t* size) {
    Geometry g;
    if (!geometry(cfg, closure_size, closure_align, &g)) return false;
    *size = g.size;
    return true;
}

namespace {

// Blocks of joined threads, for reuse by a spawn with the same geometry. Their guard pages are
// intact; stack pages below the top RT_OPT_THREAD_STACK_KEEP bytes were given back.
struct CachedBlock {
    char* base;
    size_t guard, stack, tail;
};
Mutex g_cache_lock;
CachedBlock g_cache[RT_OPT_THREAD_CACHE > 0 ? RT_OPT_THREAD_CACHE : 1];
unsigned g_cached;

char* take_cached(const Geometry& g) {
    if (RT_OPT_THREAD_CACHE == 0) return nullptr;
    LockGuard<Mutex> lock(g_cache_lock);
    for (unsigned i = g_cached; i-- > 0;) {
        CachedBlock& c = g_cache[i];
        if (c.guard == g.guard && c.stack == g.stack && c.tail == g.tail) {
            char* base = c.base;
            c = g_cache[--g_cached];
            return base;
        }
    }
    return nullptr;
}

// Unmaps the block, or keeps it for reuse.
void release_block(ThreadBlock* b) {
    char* base = b->base;
    size_t guard = b->guard, stack = b->stack, size = b->size;
    if (RT_OPT_THREAD_CACHE > 0) {
        if (stack > RT_OPT_THREAD_STACK_KEEP) {
            // Keep the pages nearest the top (the ones the next thread touches first).
            (void)sys::madvise(base + guard, stack - RT_OPT_THREAD_STACK_KEEP, sys::madv::DONTNEED);
        }
        LockGuard<Mutex> lock(g_cache_lock);
        if (g_cached < RT_OPT_THREAD_CACHE) {
            g_cache[g_cached++] = CachedBlock{base, guard, stack, size - guard - stack};
            return;
        }
    }
    (void)sys::munmap(base, size);
}

SpawnError from_mmap(Errno e) {
    if (e == Errno::NOMEM) return SpawnError(SpawnError::OutOfMemory, e);
    if (e == Errno::AGAIN) return SpawnError(SpawnError::LockedMemoryLimitExceeded, e);
    return SpawnError(SpawnError::Unexpected, e);
}

// A new block: PROT_NONE, then everything but the guard made read/write.
Expected<char*, SpawnError> map_block(const Geometry& g) {
    auto m = sys::mmap(nullptr, g.size, g.guard ? sys::prot::NONE : sys::prot::READ | sys::prot::WRITE,
                       sys::map::PRIVATE | sys::map::ANONYMOUS | sys::map::NORESERVE);
    if (!m) return unexpected(from_mmap(m.error()));
    auto base = static_cast<char*>(*m);
    if (g.guard) {
        auto p = sys::mprotect(base + g.guard, g.size - g.guard, sys::prot::READ | sys::prot::WRITE);
        if (!p) {
            (void)sys::munmap(base, g.size);
            return unexpected(from_mmap(p.error()));
        }
    }
    return base;
}

// Runs on the new thread, on its own stack, with its thread pointer already set by clone.
int thread_main(void* arg) {
    auto b = static_cast<ThreadBlock*>(arg);
    if (b->name[0]) (void)sys::prctl(sys::pr::SET_NAME, reinterpret_cast<unsigned long>(b->name));
    b->run(b->closure);
    // thread_local destructors (newest first), then rt's own per-thread state.
    run_thread_exit_hooks();
    uint32_t expected = THREAD_RUNNING;
    // Acq_rel: our writes are visible to the joiner or detacher; if detach came first we see
    // everything it did before.
    if (b->state.compare_exchange(expected, THREAD_COMPLETED, Order::AcqRel, Order::Acquire))
        return 0; // the stub exits; the kernel clears b->tid and wakes the joiner
    // Detached: free our own block. No signal handler may run on the stack about to vanish,
    // and the kernel must not write the tid into it after the unmap.
    const sys::SigSet all = sys::sigset_full();
    (void)sys::rt_sigprocmask(sys::sig::SETMASK, &all, nullptr);
    (void)sys::set_tid_address(nullptr);
    rt_arch_unmap_and_exit(b->base, b->size);
}

} // namespace

Expected<ThreadBlock*, SpawnError> prepare_thread(const SpawnConfig& cfg, size_t closure_size, size_t closure_align) {
    char name[16] = {};
    if (cfg.name) {
        size_t n = 0;
        while (cfg.name[n]) {
            if (n == 15) return unexpected(SpawnError(SpawnError::NameTooLong));
            name[n] = cfg.name[n];
            ++n;
        }
    }
    if (g_cpus.load(Order::Relaxed) == 0) g_cpus.store(cpu_count(), Order::Relaxed);
    Geometry g;
    if (!geometry(cfg, closure_size, closure_align ? closure_align : 1, &g))
        return unexpected(SpawnError(SpawnError::OutOfMemory, Errno::NOMEM));
    char* base = take_cached(g);
    if (!base) {
        auto m = map_block(g);
        if (!m) return unexpected(m.error());
        base = *m;
    }
    // The tail, placed from the end of the mapping down: the closure, the ThreadBlock, the TLS
    // area; the stack starts right below the TLS area. A thread that uses little stack then
    // touches one page for its stack top, TLS and block together (the memory row of
    // bench/suite.py), and the stack gets the slack of the tail's pages.
    const tls::Layout& l = g_tls_layout;
    size_t calign = closure_align ? closure_align : 1;
    uintptr_t end = reinterpret_cast<uintptr_t>(base + g.size);
    uintptr_t closure = align_down(end - closure_size, calign);
    uintptr_t bpos = align_down(closure - sizeof(ThreadBlock), alignof(ThreadBlock));
    uintptr_t area = align_down(bpos - l.size, l.align);
    tls::initialize(reinterpret_cast<void*>(area), l, g_tls_image);
    auto tcb = reinterpret_cast<arch::Tcb*>(area + l.tcb);
    arch::init_tcb(tcb);
    tcb->canary = __stack_chk_guard;
    auto b = reinterpret_cast<ThreadBlock*>(bpos);
    tcb->rt.tls_block = reinterpret_cast<void*>(area + l.block);
    tcb->rt.thread = b;
    tcb->rt.area = reinterpret_cast<void*>(area);
    tcb->rt.area_size = l.size;
    b->tid.store(0, Order::Relaxed);
    b->id = 0;
    b->state.store(THREAD_RUNNING, Order::Relaxed);
    b->generation = g_fork_generation.load(Order::Relaxed);
    b->base = base;
    b->size = g.size;
    b->guard = g.guard;
    b->stack = g.stack;
    b->tp = reinterpret_cast<void*>(area + l.tp);
    b->closure = reinterpret_cast<void*>(closure);
    // Every ABI's stack alignment (16 at most) and then some.
    b->stack_top = reinterpret_cast<char*>(align_down(area, STACK_TOP_ALIGN));
    b->run = nullptr;
    b->destroy = nullptr;
    for (int i = 0; i < 16; ++i) b->name[i] = name[i];
    return b;
}

Expected<ThreadBlock*, SpawnError> start_thread(ThreadBlock* b) {
    arch::CloneTls settls;
    unsigned long flags = sys::clone_flag::VM | sys::clone_flag::FS | sys::clone_flag::FILES |
                          sys::clone_flag::SIGHAND | sys::clone_flag::THREAD | sys::clone_flag::SYSVSEM |
                          sys::clone_flag::SETTLS | sys::clone_flag::PARENT_SETTID |
                          sys::clone_flag::CHILD_SETTID | sys::clone_flag::CHILD_CLEARTID;
    long r = rt_arch_clone(flags, b->stack_top, b->tid.word(), settls.arg(b->tp), b->tid.word(),
                           thread_main, b);
    if (r < 0) {
        auto e = static_cast<Errno>(-r);
        b->destroy(b->closure);
        release_block(b);
        if (e == Errno::AGAIN) return unexpected(SpawnError(SpawnError::ThreadQuotaExceeded, e));
        if (e == Errno::NOMEM) return unexpected(SpawnError(SpawnError::SystemResources, e));
        return unexpected(SpawnError(SpawnError::Unexpected, e));
    }
    b->id = static_cast<int>(r);
    return b;
}

namespace {
bool of_an_ancestor(const ThreadBlock* b) {
    return b->tid.load(Order::Relaxed) != 0 &&
           b->generation != g_fork_generation.load(Order::Relaxed);
}
} // namespace

void join_thread(ThreadBlock* b) {
    if (of_an_ancestor(b))
        panic("rt::Thread::join: the thread runs in the parent process; in this child of rt::fork only the "
              "thread that forked exists");
    // The kernel clears the word and wakes it (a shared futex wake: mm_release does not use
    // the private flag) when the thread can no longer touch its block. Acquire: everything the
    // thread did happens-before our return.
    if (b->tid.load(Order::Relaxed) != 0 && g_cpus.load(Order::Relaxed) > 1) {
        // Spin for a short while first: joining a thread that is about to end (short tasks)
        // then costs neither side a sleep and a wake-up. Never on one CPU, where spinning only
        // delays the thread being waited for (spin.h: the spin yields, docs/threads.md).
        (void)spin_until([b] { return b->tid.load(Order::Relaxed) == 0; }, Duration::nanoseconds(JOIN_SPIN_NS));
    }
    for (;;) {
        int t = b->tid.load(Order::Acquire);
        if (t == 0) break;
        (void)sys::futex_wait(reinterpret_cast<uint32_t*>(b->tid.word()), static_cast<uint32_t>(t), nullptr, false);
    }
    release_block(b);
}

void detach_thread(ThreadBlock* b) {
    // Nothing runs in this copy of an ancestor's thread: its memory goes back now.
    if (of_an_ancestor(b)) {
        (void)sys::munmap(b->base, b->size);
        return;
    }
    uint32_t expected = THREAD_RUNNING;
    if (b->state.compare_exchange(expected, THREAD_DETACHED, Order::AcqRel, Order::Acquire))
        return; // the thread frees its block when it ends
    // It has completed already (or is ending): reap it as join would.
    join_thread(b);
}

// rt::fork (this_thread.cpp) holds the block cache's lock across the clone, so that the child's
// copy is consistent. It names these weakly: a program that forks without spawning threads does
// not link the thread machinery for them.
void block_cache_fork_prepare() { g_cache_lock.lock(); }
void block_cache_fork_after() { g_cache_lock.unlock(); }

} // namespace detail

Thread& Thread::operator=(Thread&& o) {
    if (this != &o) {
        if (b_) panic("rt::Thread assigned to while joinable");
        b_ = o.b_;
        o.b_ = nullptr;
    }
    return *this;
}

Thread::~Thread() {
    if (b_) panic("rt::Thread destroyed while joinable (join or detach it first)");
}

void Thread::join() {
    if (!b_) panic("rt::Thread::join on a thread that is not joinable");
    detail::join_thread(b_);
    b_ = nullptr;
}

void Thread::detach() {
    if (!b_) panic("rt::Thread::detach on a thread that is not joinable");
    detail::detach_thread(b_);
    b_ = nullptr;
}

int Thread::handle() const { return b_ ? b_->id : 0; }

} // namespace rt
