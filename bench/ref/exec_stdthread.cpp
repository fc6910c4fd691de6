// glibc reference of bench/exec_bench.py: a thread pool of the obvious design — std::thread
// workers (hardware_concurrency), one std::deque of std::function under a std::mutex, a
// std::condition_variable, notify_one per task. Usage as exec_rt: MODE N, ns per task.
//   executor / pool: N tiny tasks, counted down on a std::latch;
//   roundtrip:       N times submit(f) then wait on a std::promise's future.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <functional>
#include <future>
#include <latch>
#include <mutex>
#include <thread>
#include <vector>

namespace {

class ThreadPool {
public:
    explicit ThreadPool(unsigned n) {
        for (unsigned i = 0; i < n; ++i) workers_.emplace_back([this] { run(); });
    }
    ~ThreadPool() {
        {
            std::lock_guard<std::mutex> g(m_);
            stop_ = true;
        }
        cv_.notify_all();
        for (auto& t : workers_) t.join();
    }
    template <class F> void submit(F&& f) {
        {
            std::lock_guard<std::mutex> g(m_);
            q_.emplace_back(std::forward<F>(f));
        }
        cv_.notify_one();
    }

private:
    void run() {
        for (;;) {
            std::function<void()> f;
            {
                std::unique_lock<std::mutex> lk(m_);
                cv_.wait(lk, [this] { return stop_ || !q_.empty(); });
                if (q_.empty()) return;
                f = std::move(q_.front());
                q_.pop_front();
            }
            f();
        }
    }
    std::mutex m_;
    std::condition_variable cv_;
    std::deque<std::function<void()>> q_;
    std::vector<std::thread> workers_;
    bool stop_ = false;
};

std::atomic<unsigned long> g_count{0};

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) return 2;
    long n = std::atol(argv[2]);
    unsigned workers = std::thread::hardware_concurrency();
    if (workers == 0) workers = 1;
    ThreadPool pool(workers);
    auto t0 = std::chrono::steady_clock::now();
    if (!std::strcmp(argv[1], "executor") || !std::strcmp(argv[1], "pool")) {
        std::latch done(n);
        for (long i = 0; i < n; ++i)
            pool.submit([&done] {
                g_count.fetch_add(1, std::memory_order_relaxed);
                done.count_down();
            });
        done.wait();
    } else if (!std::strcmp(argv[1], "roundtrip")) {
        for (long i = 0; i < n; ++i) {
            std::promise<long> p;
            auto f = p.get_future();
            pool.submit([&p] { p.set_value(1); });
            g_count += f.get();
        }
    } else {
        return 2;
    }
    auto t1 = std::chrono::steady_clock::now();
    if (g_count != static_cast<unsigned long>(n)) {
        std::fprintf(stderr, "exec_stdthread: %lu tasks ran, expected %ld\n", g_count.load(), n);
        return 1;
    }
    long long ns = std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count();
    long long tenths = ns * 10 / n;
    std::printf("%lld.%lld\n", tenths / 10, tenths % 10);
    return 0;
}
