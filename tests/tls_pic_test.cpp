// thread_locals reached under every TLS access model (global-dynamic, local-dynamic,
// initial-exec, local-exec; by the tls_model attribute and by -ftls-model), from code built as
// -fpic, -fPIE and -fno-pie, at -O0 and -O2: one copy of tls_pic_access.cpp + tls_pic_own.cpp
// per combination (tls_pic.h, tests/meson.build), all linked into this program, in the main
// thread and in spawned threads. Every copy must see the same addresses as this file's own
// (local-exec) code, the values any other copy wrote, and its own variables starting from the
// initial image in every thread. tls_test covers the TLS area itself (layout, alignments to
// 4096, sizes); this one covers what the compilers emit and the linkers relax around it.
//
// Built twice: as tls_pic (everything) and, with TLS_PIC_LOCAL_ONLY, as tls_pic_local, which
// links only the copies' own-variable halves: a program whose only general- or local-dynamic
// TLS code reaches variables of its own translation unit. That one is where GNU ld's sparc
// relaxation made no GOT for the code naming _GLOBAL_OFFSET_TABLE_ (docs/abi/sparc.md); clang's
// ppc32 -fpic code crashed in both under lld (docs/abi/powerpc.md).
#include "harness/tap.h"
#include "rt/tls/tcb.h"
#include "rt/thread/thread.h"
#include "tls_pic.h"

constinit thread_local int tp_init = TP_INIT;
constinit thread_local long long tp_zero;
alignas(64) constinit thread_local TlsPic64 tp_al64 = {
    {tp_al64_init(0), tp_al64_init(1), tp_al64_init(2), tp_al64_init(3), tp_al64_init(4), tp_al64_init(5),
     tp_al64_init(6), tp_al64_init(7), tp_al64_init(8), tp_al64_init(9), tp_al64_init(10), tp_al64_init(11),
     tp_al64_init(12), tp_al64_init(13), tp_al64_init(14), tp_al64_init(15)}};
constinit thread_local int tp_arr[16] = {tp_arr_init(0),  tp_arr_init(1),  tp_arr_init(2),  tp_arr_init(3),
                                         tp_arr_init(4),  tp_arr_init(5),  tp_arr_init(6),  tp_arr_init(7),
                                         tp_arr_init(8),  tp_arr_init(9),  tp_arr_init(10), tp_arr_init(11),
                                         tp_arr_init(12), tp_arr_init(13), tp_arr_init(14), tp_arr_init(15)};
constinit thread_local unsigned char tp_zarr[300];
__thread int tp_gnu = TP_GNU;

TLS_PIC_VARIANTS(TLS_PIC_PROBE_DECL)

namespace {
struct Variant {
    const char* name;
    void (*probe)(TlsPicReport&, int write, int index); // null in tls_pic_local
    void (*own)(TlsPicReport&, int index);
};
#if TLS_PIC_LOCAL_ONLY
#define TLS_PIC_ENTRY(id) {#id, nullptr, tls_pic_own_##id},
#else
#define TLS_PIC_ENTRY(id) {#id, tls_pic_probe_##id, tls_pic_own_##id},
#endif
const Variant g_variants[] = {TLS_PIC_VARIANTS(TLS_PIC_ENTRY)};
constexpr int N = sizeof g_variants / sizeof g_variants[0];

// An index the compiler cannot see through.
volatile int g_index = 5;

// The addresses and values this thread's local-exec code sees.
void expected_addrs(const void* (&a)[SH_COUNT], int index) {
    a[SH_INIT] = &tp_init;
    a[SH_ZERO] = &tp_zero;
    a[SH_AL64] = &tp_al64;
    a[SH_ARR0] = &tp_arr[0];
    a[SH_ARRI] = &tp_arr[index];
    a[SH_ZARR] = &tp_zarr[index];
    a[SH_GNU] = &tp_gnu;
}

void expected_values(long long (&v)[SH_COUNT], int index) {
    v[SH_INIT] = tp_init;
    v[SH_ZERO] = tp_zero;
    v[SH_AL64] = tp_al64.v[3];
    v[SH_ARR0] = tp_arr[0];
    v[SH_ARRI] = tp_arr[index];
    v[SH_ZARR] = tp_zarr[index];
    v[SH_GNU] = tp_gnu;
}

bool initial_image(int index) {
    return tp_init == TP_INIT && tp_zero == 0 && tp_al64.v[3] == tp_al64_init(3) && tp_arr[index] == tp_arr_init(index) &&
           tp_zarr[index] == 0 && tp_gnu == TP_GNU;
}

bool inside_area(const void* p, size_t n) {
    auto tcb = rt::detail::current_tcb();
    auto lo = static_cast<const unsigned char*>(tcb->rt.area);
    auto q = static_cast<const unsigned char*>(p);
    return q >= lo && q + n <= lo + tcb->rt.area_size;
}

const char* const g_shared_names[SH_COUNT] = {"tp_init", "tp_zero", "tp_al64", "tp_arr[0]", "tp_arr[i]", "tp_zarr[i]",
                                              "tp_gnu"};

// Checks the own-variable part of a report; the number of mismatches, each printed as a TAP
// diagnostic (the case's CHECKs then fail on the count).
int compare_own(const Variant& v, const TlsPicReport& r, int calls_before, const char* where) {
    int bad = 0;
    if (r.own_bad != 0) {
        rt::print("# {} {}: own thread_locals wrong (mask {:#x}, call {})\n", where, v.name, r.own_bad, r.calls);
        ++bad;
    }
    if (calls_before >= 0 && r.calls != calls_before) {
        rt::print("# {} {}: {} earlier calls in this thread, expected {}\n", where, v.name, r.calls, calls_before);
        ++bad;
    }
    static const unsigned own_size[OWN_COUNT] = {sizeof(int), sizeof(long long), sizeof(TlsPic64), 8 * sizeof(int),
                                                 128, sizeof(int)};
    for (int i = 0; i < OWN_COUNT; ++i)
        if (!inside_area(r.own[i], own_size[i])) {
            rt::print("# {} {}: own variable {} at {} is outside this thread's TLS area\n", where, v.name, i, r.own[i]);
            ++bad;
        }
    return bad;
}

// Checks the shared part of a report against this thread's local-exec view.
int compare_shared(const Variant& v, const TlsPicReport& r, int index, const char* where) {
    const void* addr[SH_COUNT];
    long long val[SH_COUNT];
    expected_addrs(addr, index);
    expected_values(val, index);
    int bad = 0;
    for (int i = 0; i < SH_COUNT; ++i) {
        if (r.shared[i] != addr[i]) {
            rt::print("# {} {}: &{} = {} (local-exec code: {})\n", where, v.name, g_shared_names[i], r.shared[i],
                      addr[i]);
            ++bad;
        }
        if (r.seen[i] != val[i]) {
            rt::print("# {} {}: {} read {} (local-exec code: {})\n", where, v.name, g_shared_names[i], r.seen[i],
                      val[i]);
            ++bad;
        }
    }
    return bad;
}

// One call of variant v (no writes), checked; calls_before < 0: any number of earlier calls.
int probe_one(const Variant& v, int calls_before, const char* where, const void** own0 = nullptr) {
    int index = g_index;
    TlsPicReport r{};
    int bad;
    if (v.probe) {
        v.probe(r, 0, index);
        bad = compare_shared(v, r, index, where);
    } else {
        v.own(r, index);
        bad = 0;
    }
    bad += compare_own(v, r, calls_before, where);
    if (own0) *own0 = r.own[OWN_INIT];
    return bad;
}

int probe_all(const char* where, int calls_before) {
    int bad = 0;
    for (const Variant& v : g_variants) bad += probe_one(v, calls_before, where);
    return bad;
}

// What a spawned thread saw.
struct ThreadView {
    const void* shared[SH_COUNT];
    const void* own0[N]; // each variant's own_init
    int bad;
    bool initial; // the main TU's variables held the initial image
};

void thread_body(ThreadView* out) {
    int index = g_index;
    out->initial = initial_image(index);
    out->bad = probe_all("thread", 0);
    expected_addrs(out->shared, index);
    for (int i = 0; i < N; ++i) out->bad += probe_one(g_variants[i], 1, "thread (again)", &out->own0[i]);
    // Writes in this thread through each variant in turn, each seen by local-exec code.
    for (int w = 0; w < N && g_variants[w].probe; ++w) {
        TlsPicReport r{};
        g_variants[w].probe(r, 5000 + w, index);
        out->bad += tp_init != 5000 + w || tp_arr[index] != 5001 + w;
    }
}
} // namespace

TEST("every variant's own thread_locals start from the initial image and keep their values (main thread)") {
    CHECK(N >= 16);
    CHECK(initial_image(g_index));
    CHECK_EQ(probe_all("main", 0), 0);
    CHECK_EQ(probe_all("main (again)", 1), 0);
    // Each variant's own variables are its own.
    int dup = 0;
    for (int i = 0; i < N; ++i)
        for (int j = i + 1; j < N; ++j) {
            TlsPicReport a{}, b{};
            g_variants[i].own(a, g_index);
            g_variants[j].own(b, g_index);
            for (int k = 0; k < OWN_COUNT; ++k) dup += a.own[k] == b.own[k];
        }
    CHECK_EQ(dup, 0);
}

#if !TLS_PIC_LOCAL_ONLY
TEST("every TLS model and code model reaches the same thread_locals of another unit (main thread)") {
    CHECK_EQ(probe_all("main", -1), 0);
}

TEST("a write through one model is read by every other and by local-exec code") {
    int index = g_index;
    int bad = 0;
    for (int w = 0; w < N; ++w) {
        TlsPicReport r{};
        g_variants[w].probe(r, 1000 + w, index);
        bad += tp_init != 1000 + w || tp_zero != 2ll * (1000 + w) || tp_arr[index] != 1001 + w ||
               tp_zarr[index] != static_cast<unsigned char>(1000 + w) || tp_gnu != 1002 + w || tp_al64.v[3] != 1003 + w;
        for (const Variant& v : g_variants) {
            int c = probe_one(v, -1, "after write");
            if (c) rt::print("#   (written through {})\n", g_variants[w].name);
            bad += c;
        }
    }
    CHECK_EQ(bad, 0);
}
#endif

TEST("in spawned threads every variant reaches the thread's own copies, fresh from the initial image") {
    // Local-exec writes in the main thread, which the threads must not see.
    int index = g_index;
    tp_init = -1;
    tp_zero = -2;
    tp_arr[index] = -3;
    tp_gnu = -4;
    tp_al64.v[3] = -5;
    tp_zarr[index] = 6;
    CHECK_EQ(probe_all("after local-exec write", -1), 0);
    const void* main_shared[SH_COUNT];
    expected_addrs(main_shared, index);
    // Twice: the second thread may run in the first one's cached block, whose TLS area must be
    // initialized again.
    for (int round = 0; round < 2; ++round) {
        ThreadView tv{};
        auto t = rt::Thread::spawn(thread_body, &tv);
        REQUIRE(t);
        t->join();
        CHECK_EQ(tv.bad, 0);
        CHECK(tv.initial);
        int same = 0;
        for (int i = 0; i < SH_COUNT; ++i) same += tv.shared[i] == main_shared[i];
        CHECK_EQ(same, 0);
        int own_same = 0;
        for (int i = 0; i < N; ++i) {
            const void* own0 = nullptr;
            CHECK_EQ(probe_one(g_variants[i], -1, "main after thread", &own0), 0);
            own_same += own0 == tv.own0[i];
        }
        CHECK_EQ(own_same, 0);
    }
    // The main thread's values are untouched by the threads' writes.
    CHECK_EQ(tp_init, -1);
    CHECK_EQ(tp_arr[index], -3);
    CHECK_EQ(tp_gnu, -4);
}
