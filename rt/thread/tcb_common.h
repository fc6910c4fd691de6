// rt's own per-thread fields, member `rt` of every arch's Tcb (tls_arch.h).
#pragma once

#include <stddef.h>

#include "rt/thread/tls_layout.h"

namespace rt::detail {

struct TcbCommon {
    void* tls_block;   // this thread's copy of the PT_TLS block (for __tls_get_addr)
    void* thread;      // the rt thread object owning this TCB (null for the main thread)
    void* area;        // start of the allocation holding TCB and TLS block
    size_t area_size;  // its size
};

// The PT_TLS image and its layout, as start-up found them: every thread's area repeats them.
extern tls::Image g_tls_image;
extern tls::Layout g_tls_layout;

} // namespace rt::detail
