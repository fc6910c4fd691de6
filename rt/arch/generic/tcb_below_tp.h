// The TCB of variant-I ABIs whose compilers read nothing through it (arm, aarch64, riscv,
// loongarch: the canary is the global __stack_chk_guard there): rt's words just below TP.
// Each family's tls_arch.h names the gap its ABI keeps between TP and the TLS block.
#pragma once

#include <stdint.h>

#include "rt/arch/generic/tls_abi.h"

namespace rt::arch::generic {

struct TcbBelowTp {
    uintptr_t canary;  // a copy of __stack_chk_guard, which the compilers read
    void* reserved;
    detail::TcbCommon rt;
};

constexpr tls::Abi tls_abi_below_tp(size_t gap) {
    return tls::Abi{1, sizeof(TcbBelowTp), alignof(TcbBelowTp), -static_cast<ptrdiff_t>(sizeof(TcbBelowTp)), 0, gap};
}

} // namespace rt::arch::generic
