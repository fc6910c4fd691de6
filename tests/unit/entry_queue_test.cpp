// rt::detail::EntryQueue (rt/exec/entry_queue.h), the queue under rt::Executor and rt::Pool,
// on std::threads (hosted), so that ThreadSanitizer and AddressSanitizer see it: FIFO order
// across blocks and block reuse, every entry taken once under many producers and workers,
// no wake-up lost by the idle protocol, the fork-child drop.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <cstring>
#include <thread>
#include <vector>

#include "rt/exec/entry_queue.h"

using rt::detail::EntryAction;
using rt::detail::EntryQueue;
using rt::detail::QueueEntry;

namespace {

// An entry carrying (producer, sequence number); its fn is never called here.
QueueEntry entry(uint32_t producer, uint32_t seq) {
    QueueEntry e{};
    e.fn = [](QueueEntry*, EntryAction, rt::detail::ExecWorker*) {};
    std::memcpy(e.data, &producer, 4);
    std::memcpy(e.data + 4, &seq, 4);
    std::memset(e.data + 8, static_cast<int>(seq & 0xff), sizeof e.data - 8);
    return e;
}
uint32_t producer_of(const QueueEntry& e) {
    uint32_t v;
    std::memcpy(&v, e.data, 4);
    return v;
}
uint32_t seq_of(const QueueEntry& e) {
    uint32_t v;
    std::memcpy(&v, e.data + 4, 4);
    return v;
}
// The filler bytes came along intact.
bool intact(const QueueEntry& e) {
    for (size_t i = 8; i < sizeof e.data; ++i)
        if (e.data[i] != static_cast<unsigned char>(seq_of(e) & 0xff)) return false;
    return true;
}

// A worker's take: pop, else the idle protocol (no spinning), until `stop` and the queue is
// empty.
template <class F> void work(EntryQueue& q, std::atomic<bool>& stop, F take) {
    for (;;) {
        QueueEntry e;
        bool got = q.pop(&e);
        if (!got) {
            if (stop.load()) return;
            uint32_t epoch = q.idle_begin();
            got = q.pop(&e);
            if (!got && !stop.load()) q.idle_wait(epoch);
            q.idle_end();
        }
        if (got) take(e);
    }
}

} // namespace

TEST_CASE("EntryQueue: one thread gets its entries back in order, across blocks and block reuse") {
    EntryQueue q;
    QueueEntry e;
    REQUIRE_FALSE(q.pop(&e));
    REQUIRE_FALSE(q.maybe_queued());
    // Rounds of different lengths: blocks of 63 slots fill, empty, return and are reused at
    // every offset.
    uint32_t seq = 0;
    for (uint32_t round : {1u, 62u, 63u, 64u, 500u, 7u, 4000u, 126u}) {
        uint32_t first = seq;
        for (uint32_t i = 0; i < round; ++i) REQUIRE(q.push(entry(0, seq++)));
        REQUIRE(q.maybe_queued());
        int wrong = 0;
        for (uint32_t i = 0; i < round; ++i) {
            REQUIRE(q.pop(&e));
            wrong += seq_of(e) != first + i || !intact(e);
        }
        CHECK(wrong == 0);
        CHECK_FALSE(q.pop(&e));
    }
    q.destroy();
    // Usable again after destroy.
    REQUIRE(q.push(entry(0, 7)));
    REQUIRE(q.pop(&e));
    CHECK(seq_of(e) == 7);
    q.destroy();
}

TEST_CASE("EntryQueue: 4 producers and 4 workers: every entry taken once, each producer's in its order") {
    constexpr uint32_t PRODUCERS = 4, WORKERS = 4, EACH = 50000;
    EntryQueue q;
    std::atomic<bool> stop{false};
    std::vector<std::vector<uint32_t>> taken(WORKERS * PRODUCERS);
    std::atomic<int> bad{0};
    std::vector<std::thread> workers, producers;
    for (uint32_t w = 0; w < WORKERS; ++w)
        workers.emplace_back([&, w] {
            work(q, stop, [&](const QueueEntry& e) {
                if (producer_of(e) >= PRODUCERS || !intact(e)) bad.fetch_add(1);
                else taken[w * PRODUCERS + producer_of(e)].push_back(seq_of(e));
            });
        });
    for (uint32_t p = 0; p < PRODUCERS; ++p)
        producers.emplace_back([&, p] {
            for (uint32_t i = 0; i < EACH; ++i) {
                while (!q.push(entry(p, i))) std::this_thread::yield();
                q.wake_one();
                if (i % 4096 == 0) std::this_thread::sleep_for(std::chrono::microseconds(200)); // let workers sleep
            }
        });
    for (auto& t : producers) t.join();
    stop.store(true);
    q.wake_all();
    for (auto& t : workers) t.join();
    CHECK(bad.load() == 0);
    // FIFO: a worker sees each producer's entries in increasing order; together, each once.
    std::vector<uint32_t> seen(PRODUCERS * EACH, 0);
    int out_of_order = 0;
    for (uint32_t w = 0; w < WORKERS; ++w)
        for (uint32_t p = 0; p < PRODUCERS; ++p) {
            const auto& v = taken[w * PRODUCERS + p];
            for (size_t i = 0; i < v.size(); ++i) {
                if (i && v[i] <= v[i - 1]) ++out_of_order;
                if (v[i] < EACH) ++seen[p * EACH + v[i]];
            }
        }
    CHECK(out_of_order == 0);
    int wrong = 0;
    for (uint32_t n : seen) wrong += n != 1;
    CHECK(wrong == 0);
    QueueEntry e;
    CHECK_FALSE(q.pop(&e));
    q.destroy();
}

TEST_CASE("EntryQueue: the idle protocol loses no wake-up") {
    // One worker that never spins: each entry is pushed only after it took the one before, so
    // it is asleep (or on its way) at nearly every push. A lost wake-up leaves an entry
    // untaken: the producer gives up after 10 s and the case fails.
    constexpr uint32_t ROUNDS = 20000;
    EntryQueue q;
    std::atomic<bool> stop{false};
    std::atomic<uint32_t> last{0};
    std::thread worker([&] { work(q, stop, [&](const QueueEntry& e) { last.store(seq_of(e) + 1); }); });
    uint32_t stuck_at = 0;
    for (uint32_t i = 0; i < ROUNDS && !stuck_at; ++i) {
        REQUIRE(q.push(entry(0, i)));
        q.wake_one();
        auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (last.load() != i + 1) {
            if (std::chrono::steady_clock::now() > until) {
                stuck_at = i + 1;
                break;
            }
            std::this_thread::yield();
        }
    }
    stop.store(true);
    q.wake_all();
    worker.join();
    CHECK(stuck_at == 0);
    CHECK(last.load() == ROUNDS);
    q.destroy();
}

TEST_CASE("EntryQueue: drop_all (a fork child's) hands over every queued entry in order and empties the queue") {
    EntryQueue q;
    QueueEntry e;
    for (uint32_t i = 0; i < 100; ++i) REQUIRE(q.push(entry(0, i)));
    REQUIRE(q.pop(&e)); // one taken: 99 left
    q.lock_for_fork();
    std::vector<uint32_t> dropped;
    q.drop_all([&](QueueEntry* d) { dropped.push_back(seq_of(*d)); });
    q.forget_idle();
    q.unlock_for_fork();
    REQUIRE(dropped.size() == 99);
    int wrong = 0;
    for (uint32_t i = 0; i < 99; ++i) wrong += dropped[i] != i + 1;
    CHECK(wrong == 0);
    CHECK_FALSE(q.pop(&e));
    REQUIRE(q.push(entry(0, 1000)));
    REQUIRE(q.pop(&e));
    CHECK(seq_of(e) == 1000);
    q.destroy();
}
