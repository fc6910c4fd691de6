// The TLS contract between an arch folder and the TLS layer (rt/tls): what each tls_arch.h
// states about its ABI (tls::Abi, its TLS_ABI constant) and the per-thread fields rt keeps in
// every arch's TCB (TcbCommon, member `rt` of arch::Tcb). Types only, so that arch headers need
// nothing above them; rt/tls/layout.h computes with them.
#pragma once

#include <stddef.h>

namespace rt::tls {

// Where an ABI puts the thread pointer, the TLS block and rt's TCB (rt/tls/layout.h has the
// pictures of both variants).
struct Abi {
    int variant;              // 1 or 2
    size_t tcb_size;          // sizeof rt's TCB
    size_t tcb_align;         // alignof rt's TCB
    ptrdiff_t tcb_tp_offset;  // address of rt's TCB minus TP
    size_t tp_bias;           // variant I: TP - base
    size_t gap;               // variant I: bytes between base and the block's earliest start
};

} // namespace rt::tls

namespace rt::detail {

// rt's own per-thread fields, member `rt` of every arch's Tcb (tls_arch.h).
struct TcbCommon {
    void* tls_block;   // this thread's copy of the PT_TLS block (for __tls_get_addr)
    void* thread;      // the rt thread object owning this TCB (null for the main thread)
    void* area;        // start of the allocation holding TCB and TLS block
    size_t area_size;  // its size
};

} // namespace rt::detail
