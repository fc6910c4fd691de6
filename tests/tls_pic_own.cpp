// The copy's own internal-linkage thread_locals (tls_pic.h): what local-dynamic code is made
// for. tests/meson.build compiles this file with tls_pic_access.cpp, with the same flags; the
// tls_pic_local test links only this half, so that a program whose only dynamic-model TLS code
// reaches its own variables is tested too (on sparc GNU ld then made no GOT, and code naming
// _GLOBAL_OFFSET_TABLE_ did not link: docs/abi/sparc.md).
#include "tls_pic.h"

#include <stdint.h>

#ifndef TLS_PIC_ID
#error "TLS_PIC_ID is set by tests/meson.build"
#endif

namespace {
// This copy's own variables: initialized, zero, aligned to 64, arrays, __thread.
thread_local int own_init TLS_PIC_ATTR = 0x5eed;
thread_local long long own_zero; // model from -ftls-model
alignas(64) thread_local TlsPic64 own_al64 TLS_PIC_ATTR = {{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}};
thread_local int own_arr[8] TLS_PIC_ATTR = {0, 10, 20, 30, 40, 50, 60, 70};
thread_local unsigned char own_zarr[128]; // model from -ftls-model
__thread int own_gnu TLS_PIC_ATTR = 31;
thread_local int own_calls TLS_PIC_ATTR;

// The values of call k (k = -1: the initial image).
int want_init(int k) { return k < 0 ? 0x5eed : 1000 + k; }
long long want_zero(int k) { return k < 0 ? 0 : -3ll * (k + 1); }
int want_al64(int k, int i) { return k < 0 ? i + 1 : k * 100 + i; }
int want_arr(int k, int i) { return k < 0 ? 10 * i : k + 7 * i; }
unsigned char want_zarr(int k, int i) { return k < 0 ? 0 : static_cast<unsigned char>(k + i); }
int want_gnu(int k) { return k < 0 ? 31 : k ^ 0x55; }

// A second function taking the same addresses: local-dynamic code computes the module's
// block once per function and adds each variable's offset to it.
[[gnu::noinline]] const void* own_addr(int which, int index) {
    switch (which) {
    case OWN_INIT: return &own_init;
    case OWN_ZERO: return &own_zero;
    case OWN_AL64: return &own_al64.v[index & 15];
    case OWN_ARR: return &own_arr[index & 7];
    case OWN_ZARR: return &own_zarr[index & 127];
    default: return &own_gnu;
    }
}

unsigned check_own(int index) {
    unsigned bad = 0;
    int k = own_calls - 1; // the call whose values are expected
    if (own_init != want_init(k)) bad |= 1u << OWN_INIT;
    if (own_zero != want_zero(k)) bad |= 1u << OWN_ZERO;
    for (int i = 0; i < 16; ++i)
        if (own_al64.v[i] != want_al64(k, i)) bad |= 1u << OWN_AL64;
    for (int i = 0; i < 8; ++i)
        if (own_arr[i] != want_arr(k, i)) bad |= 1u << OWN_ARR;
    for (int i = 0; i < 128; ++i)
        if (own_zarr[i] != want_zarr(k, i)) bad |= 1u << OWN_ZARR;
    if (own_gnu != want_gnu(k)) bad |= 1u << OWN_GNU;
    if ((reinterpret_cast<uintptr_t>(&own_al64) & 63) != 0) bad |= 1u << 8;
    if (own_addr(OWN_INIT, index) != &own_init || own_addr(OWN_ZERO, index) != &own_zero ||
        own_addr(OWN_AL64, index) != &own_al64.v[index & 15] || own_addr(OWN_ARR, index) != &own_arr[index & 7] ||
        own_addr(OWN_ZARR, index) != &own_zarr[index & 127] || own_addr(OWN_GNU, index) != &own_gnu)
        bad |= 1u << 9;
    // The values of this call, for the next one in this thread.
    k = own_calls;
    own_init = want_init(k);
    own_zero = want_zero(k);
    for (int i = 0; i < 16; ++i) own_al64.v[i] = want_al64(k, i);
    for (int i = 0; i < 8; ++i) own_arr[i] = want_arr(k, i);
    for (int i = 0; i < 128; ++i) own_zarr[i] = want_zarr(k, i);
    own_gnu = want_gnu(k);
    ++own_calls;
    return bad;
}
} // namespace

void TLS_PIC_OWN(TlsPicReport& r, int index) {
    r.own[OWN_INIT] = &own_init;
    r.own[OWN_ZERO] = &own_zero;
    r.own[OWN_AL64] = &own_al64;
    r.own[OWN_ARR] = own_arr;
    r.own[OWN_ZARR] = own_zarr;
    r.own[OWN_GNU] = &own_gnu;
    r.calls = own_calls;
    r.own_bad = check_own(index);
}
