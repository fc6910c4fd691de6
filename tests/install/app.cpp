// A user's program, built outside the tree through `pkg-config bedrock` only (by
// scripts/check-install): global constructors and destructors, a function-local static,
// thread_locals aligned up to 4096, new/delete, a thread with a thread_local destructor. It
// prints what it sees; the script compares.
#include "rt/io/print.h"
#include "rt/thread/thread.h"

namespace {
struct Global {
    int value;
    Global() : value(7) { rt::print("ctor {}\n", value); }
    ~Global() { rt::print("dtor {}\n", value); }
};
Global g_global;

int& counter() {
    static int c = g_global.value * 6; // dynamic initialization, guarded
    return ++c;
}

struct alignas(4096) Page {
    int first;
};
thread_local int tl_plain = 11;
alignas(64) thread_local long tl_64 = 64;
thread_local Page tl_page = {4096};
thread_local int tl_zero;

struct Farewell {
    int id;
    ~Farewell() { rt::print("thread dtor {}\n", id); }
};

template <class T> unsigned long misalign(const T* p, unsigned long a) { return reinterpret_cast<unsigned long>(p) % a; }
} // namespace

int main(int argc, char** argv, char**) {
    counter();
    rt::print("static {}\n", counter());
    rt::print("tls {} {} {} {}\n", tl_plain, tl_64, tl_page.first, tl_zero);
    rt::print("tls misalign {} {}\n", misalign(&tl_64, 64), misalign(&tl_page, 4096));
    int* numbers = new int[100];
    for (int i = 0; i < 100; ++i) numbers[i] = i * i;
    auto* page = new Page{123};
    rt::print("new {} {} misalign {}\n", numbers[99], page->first, misalign(page, 4096));
    delete page;
    delete[] numbers;
    auto t = rt::Thread::spawn([](int base) {
        thread_local Farewell f{base + tl_plain};
        rt::print("thread tls {} {}\n", tl_plain, misalign(&tl_page, 4096));
    }, 100);
    if (t) t->join();
    rt::print("args {} {}\n", argc, argv[1] ? argv[1] : "-");
    return 42;
}
