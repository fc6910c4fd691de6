// The thread control block: what TP points at (or near). Its layout is the ABI's (tls_arch.h
// in the arch folder: self pointer, stack-protector canary where the compilers read it from
// TLS); every arch's Tcb contains rt's own per-thread fields, TcbCommon, as member `rt` (last, except
// on powerpc, where the canary must sit next to the TCB's end).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "rt/tls/layout.h"
#include "tls_arch.h"

namespace rt::detail {

// The PT_TLS image and its layout, as start-up found them: every thread's area repeats them.
extern tls::Image g_tls_image;
extern tls::Layout g_tls_layout;

inline arch::Tcb* current_tcb() {
    return reinterpret_cast<arch::Tcb*>(static_cast<char*>(arch::thread_pointer()) + arch::TLS_ABI.tcb_tp_offset);
}

} // namespace rt::detail
