// The rest of the C++ runtime ABI a freestanding program links against, and the C-level
// entry points compilers emit calls to for stack protection and general-dynamic TLS.
#include "rt/core/panic.h"
#include "rt/tls/tcb.h"

extern "C" {

[[noreturn]] void __cxa_pure_virtual() { rt::panic("pure virtual function called"); }
[[noreturn]] void __cxa_deleted_virtual() { rt::panic("deleted virtual function called"); }
[[noreturn]] void abort() { rt::abort(); }

// Called by a function whose canary was overwritten: the stack is corrupt, so say so and die.
[[noreturn]] void __stack_chk_fail() { rt::panic("stack smashing detected"); }
// The hidden alias 32-bit x86 and powerpc PIC code calls.
[[noreturn, gnu::visibility("hidden")]] void __stack_chk_fail_local() { rt::panic("stack smashing detected"); }

// General-dynamic TLS access that the linker did not relax to local-exec: a static program has
// one module, whose block is the calling thread's. The offset carries the ABI's DTV bias.
struct TlsIndex {
    unsigned long module;
    unsigned long offset;
};
void* __tls_get_addr(TlsIndex* ti) {
    return static_cast<char*>(rt::detail::current_tcb()->rt.tls_block) + ti->offset + rt::arch::DTV_OFFSET;
}

} // extern "C"
