// rt::alloc under many threads (hosted, std::thread): no two live blocks overlap (each is
// filled with its owner's pattern and checked before it is freed), alignments honoured, and
// blocks freed by another thread than the one that allocated them.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdint>
#include <cstring>
#include <random>
#include <thread>
#include <vector>

#include "rt/mem/alloc.h"

namespace {
void fill(void* p, size_t n, uint8_t tag) { std::memset(p, tag, n); }
bool intact(const void* p, size_t n, uint8_t tag) {
    auto b = static_cast<const uint8_t*>(p);
    for (size_t i = 0; i < n; ++i)
        if (b[i] != tag) return false;
    return true;
}
} // namespace

TEST_CASE("rt::alloc from 8 threads: patterns intact, alignment honoured") {
    std::atomic<int> corrupt{0}, misaligned{0}, failed{0};
    std::vector<std::thread> ts;
    for (int t = 0; t < 8; ++t)
        ts.emplace_back([&, t] {
            std::mt19937 rng(t);
            struct Live {
                void* p;
                size_t n;
                uint8_t tag;
            };
            std::vector<Live> live;
            for (int i = 0; i < 6000; ++i) {
                if (live.size() < 200 && (rng() % 3 != 0 || live.empty())) {
                    size_t n = rng() % 8 == 0 ? rng() % 20000 : rng() % 256;
                    size_t align = size_t{1} << (rng() % 13);
                    void* p = rt::alloc_aligned(n, align);
                    if (!p) {
                        failed.fetch_add(1);
                        continue;
                    }
                    if (reinterpret_cast<uintptr_t>(p) % align) misaligned.fetch_add(1);
                    auto tag = static_cast<uint8_t>(rng());
                    fill(p, n, tag);
                    live.push_back({p, n, tag});
                } else {
                    size_t k = rng() % live.size();
                    if (!intact(live[k].p, live[k].n, live[k].tag)) corrupt.fetch_add(1);
                    rt::free(live[k].p);
                    live[k] = live.back();
                    live.pop_back();
                }
            }
            for (auto& l : live) {
                if (!intact(l.p, l.n, l.tag)) corrupt.fetch_add(1);
                rt::free(l.p);
            }
        });
    for (auto& t : ts) t.join();
    REQUIRE(corrupt.load() == 0);
    REQUIRE(misaligned.load() == 0);
    REQUIRE(failed.load() == 0);
}

TEST_CASE("rt::alloc: blocks freed by another thread") {
    constexpr int N = 20000;
    std::vector<void*> blocks(N);
    std::thread producer([&] {
        for (int i = 0; i < N; ++i) {
            blocks[i] = rt::alloc(16 + i % 500);
            fill(blocks[i], 16 + i % 500, static_cast<uint8_t>(i));
        }
    });
    producer.join();
    std::atomic<int> corrupt{0};
    std::vector<std::thread> consumers;
    for (int t = 0; t < 4; ++t)
        consumers.emplace_back([&, t] {
            for (int i = t; i < N; i += 4) {
                if (!intact(blocks[i], 16 + i % 500, static_cast<uint8_t>(i))) corrupt.fetch_add(1);
                rt::free(blocks[i]);
            }
        });
    for (auto& t : consumers) t.join();
    REQUIRE(corrupt.load() == 0);
}
