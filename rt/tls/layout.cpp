#include "rt/tls/layout.h"

#include "rt/core/align.h"

extern "C" void* memcpy(void*, const void*, size_t);
extern "C" void* memset(void*, int, size_t);

namespace rt::tls {

const char* error_message(Error e) {
    switch (e) {
    case Error::AlignNotPowerOfTwo: return "PT_TLS p_align is not a power of two";
    case Error::MemszBelowFilesz: return "PT_TLS p_memsz is smaller than p_filesz";
    case Error::TooLarge: return "PT_TLS segment is too large to lay out";
    }
    return "bad PT_TLS";
}

namespace {
constexpr size_t MAX_SEGMENT = size_t{1} << (sizeof(size_t) * 8 - 2);
} // namespace

Expected<Layout, Error> layout(const Image& img, const Abi& abi) {
    size_t a = img.align ? img.align : 1;
    if (!is_pow2(a)) return unexpected(Error::AlignNotPowerOfTwo);
    if (img.memsz < img.filesz) return unexpected(Error::MemszBelowFilesz);
    if (img.memsz > MAX_SEGMENT || a > MAX_SEGMENT) return unexpected(Error::TooLarge);
    size_t A = a > abi.tcb_align ? a : abi.tcb_align;
    if (A < sizeof(void*)) A = sizeof(void*);
    size_t residue = img.vaddr & (a - 1);

    // Offsets relative to base (TP for variant II, TP - tp_bias for variant I); base is
    // A-aligned. lo/hi bound everything that must lie in the allocation.
    ptrdiff_t block, tcb;
    ptrdiff_t tp = abi.variant == 1 ? static_cast<ptrdiff_t>(abi.tp_bias) : 0;
    if (abi.variant == 2) {
        // The block ends at TP, and its start is ≡ residue (mod a).
        size_t size = img.memsz + ((0 - residue - img.memsz) & (a - 1));
        block = -static_cast<ptrdiff_t>(size);
    } else {
        block = static_cast<ptrdiff_t>(abi.gap + ((residue - abi.gap) & (a - 1)));
    }
    tcb = tp + abi.tcb_tp_offset;
    ptrdiff_t lo = block < tcb ? block : tcb;
    ptrdiff_t block_end = block + static_cast<ptrdiff_t>(img.memsz);
    ptrdiff_t tcb_end = tcb + static_cast<ptrdiff_t>(abi.tcb_size);
    ptrdiff_t hi = block_end > tcb_end ? block_end : tcb_end;
    if (hi < tp) hi = tp;
    if (lo > 0) lo = 0;

    size_t base = align_up(static_cast<size_t>(-lo), A);
    Layout l;
    l.align = A;
    l.size = align_up(base + static_cast<size_t>(hi), sizeof(void*));
    l.tp = base + static_cast<size_t>(tp);
    l.tcb = static_cast<size_t>(static_cast<ptrdiff_t>(base) + tcb);
    l.block = static_cast<size_t>(static_cast<ptrdiff_t>(base) + block);
    l.block_size = img.memsz;
    return l;
}

void initialize(void* area, const Layout& l, const Image& img) {
    auto p = static_cast<unsigned char*>(area);
    memset(p, 0, l.size);
    if (img.filesz) memcpy(p + l.block, img.init, img.filesz);
}

} // namespace rt::tls
