// s390x general-dynamic and local-dynamic TLS call __tls_get_offset, not __tls_get_addr
// (s390x ELF ABI Supplement, "Thread-Local Storage"; ELF Handling For Thread-Local Storage,
// s390x general dynamic model): %r2 holds the offset of a tls_index {module, offset} in the
// GOT, %r12 the GOT's address, and the result in %r2 is the variable's address minus TP (the
// caller adds TP, read with ear). Otherwise it is an ordinary call (r0-r5, r14 clobbered).
// GNU ld relaxes these calls in a static executable but still wants the symbol defined; a
// static program has one module, whose block is the calling thread's.
#include "tls_arch.h"

namespace {
struct TlsIndex {
    unsigned long module;
    unsigned long offset;
};
} // namespace

extern "C" [[gnu::visibility("hidden"), gnu::used]] long __rt_tls_get_offset(const TlsIndex* ti) {
    auto tp = static_cast<char*>(rt::arch::thread_pointer());
    // rt/tls/tcb.h's current_tcb(), written out: arch code reaches nothing above it.
    auto tcb = reinterpret_cast<rt::arch::Tcb*>(tp + rt::arch::TLS_ABI.tcb_tp_offset);
    auto block = static_cast<char*>(tcb->rt.tls_block);
    return block + ti->offset + rt::arch::DTV_OFFSET - tp;
}

// The entry: turn the GOT offset into the tls_index's address, then tail-call the C++ half.
asm(R"(
    .section .text.__tls_get_offset, "ax", @progbits
    .globl __tls_get_offset
    .type __tls_get_offset, @function
    .align 8
__tls_get_offset:
    la %r2, 0(%r2,%r12)
    jg __rt_tls_get_offset
    .size __tls_get_offset, . - __tls_get_offset
    .text
)");
