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
using namespace rt::literals;
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
    CHECK(Futex::wait_for(word, 4, 10_ms).has_value()); // 5 != 4: no sleep
    CHECK(elapsed_since(t0) < 1000 * MS);
    t0 = now(Clock::Monotonic);
    auto r = Futex::wait_for(word, 5, 3_ms);
    CHECK(!r && r.error() == WaitError::TimedOut);
    CHECK(elapsed_since(t0) >= 3 * MS);
    CHECK_EQ(Futex::wake(word, 1), 0);
}

TEST("futex timeouts: zero, negative and already-past deadlines time out at once") {
    FutexWord word{0};
    int64_t t0 = now(Clock::Monotonic);
    CHECK(!Futex::wait_for(word, 0, Duration::zero()));
    CHECK(!Futex::wait_for(word, 0, Duration::nanoseconds(-5)));
    CHECK(!Futex::wait_until(word, 0, Deadline::at(t0 - 1000)));
    CHECK(!Futex::wait_until(word, 0, Deadline::at(0)));
    CHECK(elapsed_since(t0) < 1000 * MS);
}

TEST("futex wait_until an absolute monotonic deadline") {
    FutexWord word{0};
    Deadline deadline = Deadline::at(now(Clock::Monotonic) + 4 * MS);
    auto r = Futex::wait_until(word, 0, deadline);
    CHECK(!r && r.error() == WaitError::TimedOut);
    CHECK(now(Clock::Monotonic) >= deadline.ns());
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
    auto r = c.timed_wait(m, 3_ms);
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
    auto r = s.timed_wait(2_ms);
    CHECK(!r && r.error() == WaitError::TimedOut);
    s.post(3);
    CHECK_EQ(s.permits(), 3u);
    CHECK(s.timed_wait(1000_ms).has_value());
    CHECK_EQ(s.permits(), 2u);
}

TEST("reset event: set, is_set, wait returns, reset, timed_wait times out") {
    ResetEvent e;
    CHECK(!e.is_set());
    CHECK(!e.timed_wait(2_ms));
    e.set();
    CHECK(e.is_set());
    e.wait();
    CHECK(e.timed_wait(Duration::zero()).has_value());
    e.reset();
    CHECK(!e.is_set());
}

TEST("wait_until: semaphore, reset event and condition time out at their deadline, not before") {
    Semaphore s(0);
    ResetEvent e;
    Mutex m;
    Condition c;
    Deadline d = deadline_after(3_ms);
    auto rs = s.wait_until(d);
    CHECK(!rs && rs.error() == WaitError::TimedOut);
    CHECK(now(Clock::Monotonic) >= d.ns());
    d = deadline_after(3_ms);
    auto re = e.wait_until(d);
    CHECK(!re && re.error() == WaitError::TimedOut);
    CHECK(now(Clock::Monotonic) >= d.ns());
    d = deadline_after(3_ms);
    m.lock();
    auto rc = c.wait_until(m, d);
    CHECK(!rc && rc.error() == WaitError::TimedOut);
    CHECK(now(Clock::Monotonic) >= d.ns());
    CHECK(!m.try_lock());
    m.unlock();
    // One deadline over several waits: the second finds it passed and only polls.
    int64_t t0 = now(Clock::Monotonic);
    CHECK(!s.wait_until(d));
    CHECK(!e.wait_until(Deadline::at(INT64_MIN)));
    CHECK(elapsed_since(t0) < 1000 * MS);
    s.post();
    e.set();
    CHECK(s.wait_until(Deadline::at(0)).has_value()); // a permit is taken even past the deadline
    CHECK(e.wait_until(Deadline::never()).has_value());
}

TEST("durations: units, saturation at both ends, and the deadline rule") {
    CHECK_EQ(Duration::microseconds(3).ns(), 3'000);
    CHECK_EQ((2_s).ns(), 2'000'000'000);
    CHECK_EQ((250_ms + 5_us - 5_ns).ns(), 250'004'995);
    CHECK(Duration::seconds(INT64_MAX / 1000) == Duration::max());
    CHECK(Duration::milliseconds(INT64_MIN / 1000) == Duration::min());
    CHECK(Duration::max() + 1_ns == Duration::max());
    CHECK(Duration::min() - 1_ns == Duration::min());
    CHECK(Duration::zero() - Duration::min() == Duration::max());
    CHECK(18446744073709551615_ns == Duration::max());
    CHECK(1_ms < 2_ms);
    volatile int64_t now_ns = INT64_MAX - 10; // not folded at compile time
    CHECK(Deadline::after(now_ns, 11_ns) == Deadline::never());
    CHECK(Deadline::after(now_ns, 10_ns).ns() == INT64_MAX);
    CHECK(Deadline::after(now_ns, Duration::min()) == Deadline::at(now_ns));
    CHECK(Deadline::at(NO_DEADLINE_AFTER).is_never());
    CHECK(!Deadline::at(NO_DEADLINE_AFTER - 1).is_never());
    CHECK(Deadline::at(100).remaining(40) == 60_ns);
    CHECK(Deadline::at(100).remaining(140) == Duration::zero());
    CHECK(Deadline::never().remaining(0) == Duration::max());
    CHECK(Deadline() == Deadline::never());
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
