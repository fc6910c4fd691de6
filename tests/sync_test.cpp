// rt/sync on every ABI, single-threaded paths: the futex waits and their timeouts, and each
// primitive's uncontended and timing-out behaviour. (Contention is exercised by the hosted
// stress tests in tests/unit/sync_stress_test.cpp, and across ABIs once threads exist.)
// Misuse that can be detected cheaply panics; those cases run in child processes.
#include "harness/child.h"
#include "harness/tap.h"
#include "rt/sync/condition.h"
#include "rt/sync/futex.h"
#include "rt/sync/mutex.h"
#include "rt/sync/once.h"
#include "rt/sync/reset_event.h"
#include "rt/sync/rw_lock.h"
#include "rt/sync/semaphore.h"
#include "rt/sync/wait_group.h"
#include "rt/time/clock.h"
#include "uapi.h"

using namespace rt;
using rt::test::in_child_stderr;
using rt::test::starts_with;

namespace {
constexpr int64_t MS = 1'000'000;
int64_t elapsed_since(int64_t t0) { return now(Clock::Monotonic) - t0; }

// Globals: every primitive must work without a constructor having run (constexpr init).
Mutex g_mutex;
Once g_once;
}

TEST("futex wait_for: a changed word returns at once, an equal one times out") {
    FutexWord word{5};
    int64_t t0 = now(Clock::Monotonic);
    CHECK(Futex::wait_for(word, 4, 10 * MS).has_value()); // 5 != 4: no sleep
    CHECK(elapsed_since(t0) < 1000 * MS);
    t0 = now(Clock::Monotonic);
    auto r = Futex::wait_for(word, 5, 3 * MS);
    CHECK(!r && r.error() == WaitError::TimedOut);
    CHECK(elapsed_since(t0) >= 3 * MS);
    CHECK_EQ(Futex::wake(word, 1), 0);
}

TEST("futex timeouts: zero, negative and already-past deadlines time out at once") {
    FutexWord word{0};
    int64_t t0 = now(Clock::Monotonic);
    CHECK(!Futex::wait_for(word, 0, 0));
    CHECK(!Futex::wait_for(word, 0, -5));
    CHECK(!Futex::wait_until(word, 0, t0 - 1000));
    CHECK(!Futex::wait_until(word, 0, 0));
    CHECK(elapsed_since(t0) < 1000 * MS);
}

TEST("futex wait_until an absolute monotonic deadline") {
    FutexWord word{0};
    int64_t deadline = now(Clock::Monotonic) + 4 * MS;
    auto r = Futex::wait_until(word, 0, deadline);
    CHECK(!r && r.error() == WaitError::TimedOut);
    CHECK(now(Clock::Monotonic) >= deadline);
}

TEST("mutex: lock, try_lock fails while held, unlock, guards") {
    Mutex m;
    m.lock();
    CHECK(!m.try_lock());
    m.unlock();
    CHECK(m.try_lock());
    m.unlock();
    {
        LockGuard<Mutex> g(g_mutex);
        CHECK(!g_mutex.try_lock());
    }
    CHECK(g_mutex.try_lock());
    g_mutex.unlock();
    UniqueLock<Mutex> u(g_mutex);
    CHECK(u.owns_lock());
    u.unlock();
    CHECK(!u.owns_lock());
    CHECK(g_mutex.try_lock());
    g_mutex.unlock();
}

TEST("condition: timed_wait times out with the mutex held again; signal without waiters") {
    Mutex m;
    Condition c;
    c.signal();
    c.broadcast();
    m.lock();
    int64_t t0 = now(Clock::Monotonic);
    auto r = c.timed_wait(m, 3 * MS);
    CHECK(!r && r.error() == WaitError::TimedOut);
    CHECK(elapsed_since(t0) >= 3 * MS);
    CHECK(!m.try_lock()); // still ours
    m.unlock();
}

TEST("semaphore: counts permits; try_wait and timed_wait without one fail") {
    Semaphore s(2);
    CHECK(s.try_wait());
    s.wait();
    CHECK(!s.try_wait());
    auto r = s.timed_wait(2 * MS);
    CHECK(!r && r.error() == WaitError::TimedOut);
    s.post(3);
    CHECK_EQ(s.permits(), 3u);
    CHECK(s.timed_wait(1000 * MS).has_value());
    CHECK_EQ(s.permits(), 2u);
}

TEST("reset event: set, is_set, wait returns, reset, timed_wait times out") {
    ResetEvent e;
    CHECK(!e.is_set());
    CHECK(!e.timed_wait(2 * MS));
    e.set();
    CHECK(e.is_set());
    e.wait();
    CHECK(e.timed_wait(0).has_value());
    e.reset();
    CHECK(!e.is_set());
}

TEST("wait group: wait returns once every start is finished") {
    WaitGroup wg;
    wg.wait(); // nothing started
    wg.start();
    wg.add(2);
    CHECK(!wg.is_done());
    wg.finish();
    wg.finish();
    CHECK(!wg.is_done());
    wg.finish();
    CHECK(wg.is_done());
    wg.wait();
}

TEST("rwlock: many readers or one writer") {
    RwLock l;
    CHECK(l.try_lock_shared());
    CHECK(l.try_lock_shared());
    CHECK(!l.try_lock()); // readers inside
    l.unlock_shared();
    l.unlock_shared();
    CHECK(l.try_lock());
    CHECK(!l.try_lock_shared()); // a writer inside
    CHECK(!l.try_lock());
    l.unlock();
    l.lock_shared();
    l.unlock_shared();
    l.lock();
    l.unlock();
    CHECK(l.try_lock_shared());
    l.unlock_shared();
}

TEST("once: runs exactly once") {
    int runs = 0;
    for (int i = 0; i < 3; ++i) g_once.call([&] { ++runs; });
    CHECK_EQ(runs, 1);
    CHECK(g_once.done());
}

TEST("once: a function-local static's guard is the Once word (acquire, abort, retry, done)") {
    uint64_t guard = 0;
    auto word = reinterpret_cast<FutexWord*>(&guard);
    CHECK(!detail::once_done(word));
    CHECK(detail::once_begin(word));
    detail::once_abort(word); // the initializer threw: nothing is done, the next caller runs it
    CHECK(!detail::once_done(word));
    CHECK(detail::once_begin(word));
    detail::once_finish(word);
    CHECK(detail::once_done(word));
    CHECK(!detail::once_begin(word));
    // The compilers' inline guard check reads only the byte at the lowest address.
    CHECK_EQ(*reinterpret_cast<const uint8_t*>(&guard), 1);
}

TEST("misuse panics with a message: unlocking what is not locked, too many posts or finishes") {
    char err[256];
    struct Case {
        void (*fn)();
        const char* message;
    };
    static const Case cases[] = {
        {[] {
             Mutex m;
             m.unlock();
         },
         "panic: rt::Mutex::unlock of a mutex that is not locked"},
        {[] {
             RwLock l;
             l.unlock();
         },
         "panic: rt::RwLock::unlock without holding the lock exclusively"},
        {[] {
             RwLock l;
             l.lock_shared();
             l.unlock_shared();
             l.unlock_shared();
         },
         "panic: rt::RwLock::unlock_shared without a shared lock held"},
        {[] {
             Semaphore s(Semaphore::MAX - 1);
             s.post();
             s.post();
         },
         "panic: rt::Semaphore::post beyond the maximum count of permits"},
        {[] {
             WaitGroup wg;
             wg.start();
             wg.finish();
             wg.finish();
         },
         "panic: rt::WaitGroup::finish called more often than start"},
        {[] {
             WaitGroup wg;
             wg.add(0xffffffffu);
             wg.start();
         },
         "panic: rt::WaitGroup::add: more than 4294967295 tasks"},
    };
    for (const Case& c : cases) {
        auto st = in_child_stderr(c.fn, err);
        CHECK(st.signaled() && st.term_signal() == static_cast<int>(sys::sig::ABRT));
        if (!CHECK(starts_with(err, c.message))) rt::eprint("# expected \"{}\", got \"{}\"\n", c.message, err);
    }
    // The same objects used correctly do not panic.
    auto st = in_child_stderr([] {
        Mutex m;
        m.lock();
        m.unlock();
        Semaphore s(Semaphore::MAX - 1);
        s.post();
        s.wait();
        return 0;
    }, err);
    CHECK(st.exited() && st.exit_code() == 0);
}
