// The thread_local access matrix of tls_pic_test: tls_pic_access.cpp and tls_pic_own.cpp are
// compiled once per (TLS model, code model, optimization level), each pair a static library of
// its own (tests/meson.build). Every copy reaches the same thread_locals of tls_pic_test.cpp
// plus its own. What the compiler emits differs per copy (general-dynamic and local-dynamic
// calls to __tls_get_addr or TLS descriptors, initial-exec GOT loads, local-exec offsets; PIC,
// PIE and absolute addressing around them) and so does what the linker relaxes it to; the
// values and addresses seen must not.
#pragma once

struct alignas(64) TlsPic64 {
    int v[16];
};

// The main TU's (tls_pic_test.cpp) variables, as each copy of tls_pic_access.cpp reaches them.
enum TlsPicShared : int {
    SH_INIT,     // thread_local int, initialized (.tdata)
    SH_ZERO,     // thread_local long long, zero (.tbss)
    SH_AL64,     // alignas(64) thread_local struct, initialized
    SH_ARR0,     // &tp_arr[0], an initialized thread_local int[16]
    SH_ARRI,     // &tp_arr[index], index not known at compile time
    SH_ZARR,     // &tp_zarr[index], a zero thread_local unsigned char[300]
    SH_GNU,      // __thread int (no C++ TLS wrapper), initialized
    SH_COUNT
};

// The copy's own internal-linkage thread_locals (the case local-dynamic code is made for).
enum TlsPicOwn : int { OWN_INIT, OWN_ZERO, OWN_AL64, OWN_ARR, OWN_ZARR, OWN_GNU, OWN_COUNT };

struct TlsPicReport {
    const void* shared[SH_COUNT];
    long long seen[SH_COUNT]; // the values read (SH_AL64: v[3]; SH_ARR0: tp_arr[0])
    const void* own[OWN_COUNT];
    // One bit per failed check of the copy's own variables: bit OWN_x for a wrong value of
    // variable x, bit 8 for a misaligned OWN_AL64, bit 9 when two functions of the copy
    // disagree on an address.
    unsigned own_bad;
    int calls; // how often this thread had called this copy before
};

// The initial values of the main TU's variables (each thread starts from them).
constexpr int TP_INIT = 0x1234567;
constexpr int TP_GNU = 77;
constexpr int tp_al64_init(int i) { return 3 * i + 1; }
constexpr int tp_arr_init(int i) { return 100 + i; }

// Each copy has two functions, in two objects (so that a program can link the second without
// the first's references to the main TU's variables):
// - tls_pic_probe_<id> (tls_pic_access.cpp) reads the main TU's variables into the report, and
//   with write != 0 afterwards writes them (tp_init = write, tp_zero = 2 * write,
//   tp_arr[index] = write + 1, tp_zarr[index] = write & 0xff, tp_gnu = write + 2,
//   tp_al64.v[3] = write + 3); then it calls
// - tls_pic_own_<id> (tls_pic_own.cpp), which checks the copy's own internal-linkage
//   variables, whose values advance with every call in a thread: the first call in a thread
//   must see the initial image.
#define TLS_PIC_PROBE_DECL(id)                                          \
    void tls_pic_probe_##id(TlsPicReport& r, int write, int index); \
    void tls_pic_own_##id(TlsPicReport& r, int index);

// In the copies: the model under test, as the tls_model attribute, and the copy's names.
#ifdef TLS_PIC_ID
#define TLS_PIC_ATTR __attribute__((tls_model(TLS_PIC_MODEL)))
#define TLS_PIC_CAT2(a, b) a##b
#define TLS_PIC_CAT(a, b) TLS_PIC_CAT2(a, b)
#define TLS_PIC_PROBE TLS_PIC_CAT(tls_pic_probe_, TLS_PIC_ID)
#define TLS_PIC_OWN TLS_PIC_CAT(tls_pic_own_, TLS_PIC_ID)
void TLS_PIC_PROBE(TlsPicReport& r, int write, int index);
void TLS_PIC_OWN(TlsPicReport& r, int index);
#endif

#define TLS_PIC_MODEL_VARIANTS(X, m) X(m##_pic_O0) X(m##_pic_O2) X(m##_pie_O0) X(m##_pie_O2)
#define TLS_PIC_MODEL_VARIANTS_NOPIE(X, m) X(m##_nopie_O0) X(m##_nopie_O2)
#if RT_OPT_STATIC_PIE
// Position-dependent code cannot go into a static PIE (docs/startup.md): no -fno-pie copies.
#define TLS_PIC_MODEL_ALL(X, m) TLS_PIC_MODEL_VARIANTS(X, m)
#else
#define TLS_PIC_MODEL_ALL(X, m) TLS_PIC_MODEL_VARIANTS(X, m) TLS_PIC_MODEL_VARIANTS_NOPIE(X, m)
#endif
#define TLS_PIC_VARIANTS(X) TLS_PIC_MODEL_ALL(X, gd) TLS_PIC_MODEL_ALL(X, ld) TLS_PIC_MODEL_ALL(X, ie) \
    TLS_PIC_MODEL_ALL(X, le)
