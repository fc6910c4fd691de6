// thread_local in the main thread: the TLS area built from PT_TLS at start-up, in every access
// model a static executable uses. This file is local-exec (the default for definitions in an
// executable); tls_models_ie.cpp and tls_models_gd.cpp reach the same variables with
// initial-exec and general-dynamic code (the linker relaxes or resolves the latter).
#include "harness/tap.h"
#include "rt/tls/tcb.h"
#include "tls_models.h"

namespace {
struct alignas(64) Aligned64 {
    unsigned char bytes[64];
};
struct alignas(4096) Aligned4096 {
    unsigned char bytes[100];
};

thread_local char tl_char = 'q';
alignas(2) thread_local short tl_short = 7;
thread_local long long tl_ll = -5;
alignas(16) thread_local int tl_16 = 16;
thread_local Aligned64 tl_64 = {{1, 2, 3}};
thread_local Aligned4096 tl_4096 = {{9}};
thread_local int tl_zero;
thread_local unsigned char tl_big[1 << 20]; // a 1 MiB .tbss block
thread_local unsigned char tl_big_init[4096] = {0xab, 0xcd};

template <class T> bool aligned(const T* p, uintptr_t a) { return (reinterpret_cast<uintptr_t>(p) & (a - 1)) == 0; }

bool inside_area(const void* p, size_t n) {
    auto tcb = rt::detail::current_tcb();
    auto lo = static_cast<const unsigned char*>(tcb->rt.area);
    auto q = static_cast<const unsigned char*>(p);
    return q >= lo && q + n <= lo + tcb->rt.area_size;
}
} // namespace

thread_local int tl_shared = 1234;
thread_local int tl_shared_zero;

TEST("initialized thread_locals have their initial values") {
    CHECK_EQ(tl_char, 'q');
    CHECK_EQ(tl_short, 7);
    CHECK_EQ(tl_ll, -5ll);
    CHECK_EQ(tl_16, 16);
    CHECK_EQ(static_cast<int>(tl_64.bytes[2]), 3);
    CHECK_EQ(static_cast<int>(tl_4096.bytes[0]), 9);
    CHECK_EQ(static_cast<int>(tl_big_init[1]), 0xcd);
    CHECK_EQ(static_cast<int>(tl_big_init[4095]), 0);
}

TEST("zero-initialized thread_locals are zero, including a 1 MiB block") {
    CHECK_EQ(tl_zero, 0);
    CHECK_EQ(tl_shared_zero, 0);
    bool zero = true;
    for (size_t i = 0; i < sizeof tl_big; i += 4093) zero &= tl_big[i] == 0;
    zero &= tl_big[sizeof tl_big - 1] == 0;
    CHECK(zero);
    tl_big[0] = 1;
    tl_big[sizeof tl_big - 1] = 2;
    CHECK_EQ(tl_big[0] + tl_big[sizeof tl_big - 1], 3);
}

TEST("thread_locals honour alignments from 1 to 4096") {
    CHECK(aligned(&tl_short, 2));
    CHECK(aligned(&tl_ll, alignof(long long)));
    CHECK(aligned(&tl_16, 16));
    CHECK(aligned(&tl_64, 64));
    CHECK(aligned(&tl_4096, 4096));
}

TEST("thread_locals lie inside the TLS area and do not overlap") {
    CHECK(inside_area(&tl_char, 1));
    CHECK(inside_area(&tl_4096, sizeof tl_4096));
    CHECK(inside_area(tl_big, sizeof tl_big));
    CHECK(inside_area(&tl_shared, sizeof tl_shared));
    auto a = reinterpret_cast<uintptr_t>(tl_big), b = reinterpret_cast<uintptr_t>(&tl_4096);
    CHECK(a + sizeof tl_big <= b || b + sizeof tl_4096 <= a);
    CHECK(&tl_zero != &tl_shared_zero);
    auto tcb = rt::detail::current_tcb();
    auto tcb_lo = reinterpret_cast<uintptr_t>(tcb), tcb_hi = tcb_lo + sizeof *tcb;
    auto x = reinterpret_cast<uintptr_t>(&tl_64);
    CHECK(x + sizeof tl_64 <= tcb_lo || x >= tcb_hi); // TLS data never overlaps the TCB
}

TEST("writes are seen by every access model") {
    tl_shared = 77;
    CHECK_EQ(read_shared_ie(), 77);
    CHECK_EQ(read_shared_gd(), 77);
    CHECK(addr_shared_ie() == &tl_shared);
    CHECK(addr_shared_gd() == &tl_shared);
    write_shared_gd(99);
    CHECK_EQ(tl_shared, 99);
    write_shared_ie(101);
    CHECK_EQ(tl_shared, 101);
}

TEST("the TCB is where the thread pointer says, and names itself and the TLS block") {
    auto tcb = rt::detail::current_tcb();
    CHECK(tcb != nullptr);
    CHECK(tcb->rt.tls_block != nullptr);
    CHECK(inside_area(tcb->rt.tls_block, 1));
    CHECK(tcb->rt.thread == nullptr); // the main thread has no rt::Thread
}
