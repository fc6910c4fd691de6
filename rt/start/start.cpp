// The C++ half of process start-up. crt's _start (assembly, per ABI) finds the initial stack
// pointer and calls __bedrock_start with it, with the stack aligned for a call.
//
// Initial stack, as the kernel builds it (fs/binfmt_elf.c, create_elf_tables):
//   sp[0] argc | argv[0..argc-1] | NULL | envp[...] | NULL | auxv (type, value)... AT_NULL
//
// Order of work (docs/startup.md says why):
//   1. self-relocate if this is a static PIE — before any global is touched;
//   2. record argc/argv/envp/auxv;
//   3. build the main thread's TLS area from PT_TLS and set the thread pointer (then apply
//      the TLS relocations a static PIE may carry, and make PT_GNU_RELRO read-only);
//   4. set the stack-protector canary (in the TCB and in __stack_chk_guard);
//   5. preinit_array, init_array, main, then rt::exit: atexit handlers, fini_array,
//      exit_group (atexit.cpp, built with the stack protector like the rest of rt).
// This file is built without the stack protector: everything in it runs before the canary
// exists (steps 1-4), and it only calls functions that are internal to it or that cannot be
// instrumented (the arch syscall stubs, memcpy/memset, the pure TLS layout function).
#include "rt/core/align.h"
#include "rt/core/elf.h"
#include "rt/core/panic.h"
#include "rt/core/string_view.h"
#include "rt/start/process.h"
#include "rt/sys/syscall.h"
#include "rt/tls/tcb.h"
#include "arch_abi.h"
#include "uapi.h"

// The user's main, reached through its symbol names (C++ forbids naming `main` in a call).
// clang gives main C++ linkage under -ffreestanding (a freestanding implementation need not
// treat main specially), so the mangled names of its three forms are looked for as well as
// plain `main`, which GCC and hosted compilers emit. Weak, so the missing forms link as null.
[[gnu::weak]] int main_c(int, char**, char**) asm("main");
[[gnu::weak]] int main_envp(int, char**, char**) asm("_Z4mainiPPcS0_");
[[gnu::weak]] int main_argv(int, char**) asm("_Z4mainiPPc");
[[gnu::weak]] int main_void() asm("_Z4mainv");

using InitFn = void (*)(int, char**, char**);
// Defined by the linker (GNU ld's default script, lld) around the sections of the same name,
// and __ehdr_start at the ELF header (the load base plus the first segment's vaddr).
extern "C" {
[[gnu::visibility("hidden")]] extern const InitFn __preinit_array_start[];
[[gnu::visibility("hidden")]] extern const InitFn __preinit_array_end[];
[[gnu::visibility("hidden")]] extern const InitFn __init_array_start[];
[[gnu::visibility("hidden")]] extern const InitFn __init_array_end[];
[[gnu::visibility("hidden")]] extern const char __ehdr_start[];
// Identifies this executable to __cxa_atexit (there are no shared objects to tell apart).
[[gnu::visibility("hidden")]] void* __dso_handle = &__dso_handle;
// The stack-protector canary for ABIs whose compilers read a global (arm, aarch64, riscv,
// mips, loongarch); the others read Tcb::canary. Both are set.
uintptr_t __stack_chk_guard;
}

namespace rt {

namespace detail {
tls::Image g_tls_image;
tls::Layout g_tls_layout;
}
using detail::g_process;

namespace {

unsigned long aux_value(const unsigned long* aux, unsigned long type) {
    for (; aux[0] != 0; aux += 2)
        if (aux[0] == type) return aux[1];
    return 0;
}

// Writes a fixed message and exits, for failures before a thread pointer exists (rt::panic
// would run protected code, which reads the canary through the thread pointer).
[[noreturn]] void early_fatal(const char* msg) {
    size_t n = StringView::length(msg);
    arch::syscall3(static_cast<sys::Word>(sys::Sys::write), 2, reinterpret_cast<sys::Word>(msg), static_cast<sys::Word>(n));
    for (;;) arch::syscall1(static_cast<sys::Word>(sys::Sys::exit_group), 127);
}

// The address the program was loaded at minus its link address (0 unless a static PIE). Safe
// before relocation: only the auxv, the program headers and the PC-relative __ehdr_start.
uintptr_t load_bias(const elf::Phdr* phdr, size_t phnum) {
    for (size_t i = 0; i < phnum; ++i)
        if (phdr[i].type == elf::PT_PHDR) return reinterpret_cast<uintptr_t>(phdr) - phdr[i].vaddr;
    // No PT_PHDR (static executables often lack one): the first PT_LOAD maps file offset 0.
    for (size_t i = 0; i < phnum; ++i)
        if (phdr[i].type == elf::PT_LOAD)
            return reinterpret_cast<uintptr_t>(__ehdr_start) - (phdr[i].vaddr - phdr[i].offset);
    return 0;
}

const elf::Phdr* find_phdr(const unsigned long* aux, uint32_t type, uintptr_t* bias) {
    auto phdr = reinterpret_cast<const elf::Phdr*>(aux_value(aux, sys::auxv::PHDR));
    size_t phnum = aux_value(aux, sys::auxv::PHNUM);
    for (size_t i = 0; phdr && i < phnum; ++i)
        if (phdr[i].type == type) {
            *bias = load_bias(phdr, phnum);
            return &phdr[i];
        }
    return nullptr;
}

// --- 1. static PIE self-relocation -------------------------------------------------------
// Runs before anything is relocated: it may only use locals, PC-relative (hidden) symbols
// and string literals. A static PIE carries R_*_RELATIVE relocations only (in REL, RELA or
// RELR form); anything else means the program needs a dynamic linker.
template <class Word> void apply_relr(const Word* relr, size_t size, uintptr_t base) {
    Word* where = nullptr;
    for (size_t i = 0; i < size / sizeof(Word); ++i) {
        Word entry = relr[i];
        if ((entry & 1) == 0) {
            where = reinterpret_cast<Word*>(base + entry);
            *where++ += base;
        } else {
            for (Word* p = where; (entry >>= 1) != 0; ++p)
                if (entry & 1) *p += base;
            where += 8 * sizeof(Word) - 1;
        }
    }
}

// Relocation type 0 is R_<ARCH>_NONE on every ABI: nothing to do. GNU ld leaves such entries
// where it reserved a dynamic relocation it then did not need (sparc, for GOT slots of
// undefined weak symbols resolved to 0).
constexpr unsigned long R_NONE = 0;

// TLS relocations some linkers leave in a static PIE (arch::R_TLS_*): they need the TLS
// layout, so they are applied after step 3.
struct DeferredTls {
    uintptr_t base = 0;
    const elf::Rela* rela = nullptr;
    size_t count = 0;
};

bool is_deferred(unsigned long type) { return type == arch::R_TLS_DTPMOD || type == arch::R_TLS_TPREL; }

DeferredTls self_relocate(const unsigned long* aux) {
    DeferredTls deferred;
    uintptr_t base = 0;
    auto dynamic = find_phdr(aux, elf::PT_DYNAMIC, &base);
    if (!dynamic) return deferred; // a static executable at its link address
    if (base == 0) return deferred; // loaded where it was linked (ET_EXEC with a PT_DYNAMIC)
    // Without -Dstatic_pie rt is position-dependent code: it cannot run relocated, and the
    // relocation code below is left out of every program (about 400 bytes).
    if constexpr (!RT_OPT_STATIC_PIE)
        early_fatal("bedrock: this program is a static PIE, but bedrock was built without -Dstatic_pie=true\n");
    auto dyn = reinterpret_cast<const elf::Dyn*>(base + dynamic->vaddr);
    uintptr_t rel = 0, relsz = 0, rela = 0, relasz = 0, relr = 0, relrsz = 0;
    for (; dyn->tag != elf::DT_NULL; ++dyn) {
        switch (dyn->tag) {
        case elf::DT_REL: rel = dyn->val; break;
        case elf::DT_RELSZ: relsz = dyn->val; break;
        case elf::DT_RELA: rela = dyn->val; break;
        case elf::DT_RELASZ: relasz = dyn->val; break;
        case elf::DT_RELR: relr = dyn->val; break;
        case elf::DT_RELRSZ: relrsz = dyn->val; break;
        default: break;
        }
    }
    auto rels = reinterpret_cast<const elf::Rel*>(base + rel);
    for (size_t i = 0; rel && i < relsz / sizeof(elf::Rel); ++i) {
        if (elf::rel_type(rels[i].info) == R_NONE) continue;
        if (elf::rel_type(rels[i].info) != arch::R_RELATIVE)
            early_fatal("bedrock: static PIE has a relocation other than RELATIVE; it needs a dynamic linker\n");
        *reinterpret_cast<uintptr_t*>(base + rels[i].offset) += base;
    }
    auto relas = reinterpret_cast<const elf::Rela*>(base + rela);
    for (size_t i = 0; rela && i < relasz / sizeof(elf::Rela); ++i) {
        if (elf::rel_type(relas[i].info) == R_NONE) continue;
        if (is_deferred(elf::rel_type(relas[i].info))) {
            deferred = DeferredTls{base, relas, relasz / sizeof(elf::Rela)};
            continue;
        }
        if (elf::rel_type(relas[i].info) != arch::R_RELATIVE)
            early_fatal("bedrock: static PIE has a relocation other than RELATIVE; it needs a dynamic linker\n");
        *reinterpret_cast<uintptr_t*>(base + relas[i].offset) = base + relas[i].addend;
    }
    if (relr) apply_relr(reinterpret_cast<const uintptr_t*>(base + relr), relrsz, base);
    return deferred;
}

// The module ID of the executable is 1; a TP-relative offset is the block's offset from TP
// plus the variable's offset in the block (the addend; the symbol must be the section's, 0).
void apply_tls_relocations(const DeferredTls& d, ptrdiff_t block_from_tp) {
    for (size_t i = 0; i < d.count; ++i) {
        auto type = elf::rel_type(d.rela[i].info);
        if (!is_deferred(type)) continue;
        if (elf::rel_sym(d.rela[i].info) != 0)
            early_fatal("bedrock: static PIE has a TLS relocation against a symbol; it needs a dynamic linker\n");
        auto where = reinterpret_cast<uintptr_t*>(d.base + d.rela[i].offset);
        *where = type == arch::R_TLS_DTPMOD ? 1 : static_cast<uintptr_t>(block_from_tp + d.rela[i].addend);
    }
}

// --- 3. the main thread's TLS --------------------------------------------------------------
// Small TLS areas (the common case) live in .bss; larger or more aligned ones are mapped.
constexpr size_t MAIN_TLS_ALIGN = 64;
alignas(MAIN_TLS_ALIGN) unsigned char g_main_tls[512];

template <class S = sys::Sys> void* map_anonymous(size_t len) {
    using sys::Word;
    Word prot = sys::prot::READ | sys::prot::WRITE, flags = sys::map::PRIVATE | sys::map::ANONYMOUS;
    Word r;
    if constexpr (requires { S::mmap2; }) {
        r = arch::syscall6(static_cast<Word>(S::mmap2), 0, static_cast<Word>(len), prot, flags, -1, 0);
    } else if constexpr (arch::MMAP_ARGS_IN_MEMORY) {
        unsigned long args[6] = {0, len, static_cast<unsigned long>(prot), static_cast<unsigned long>(flags),
                                 static_cast<unsigned long>(-1), 0};
        r = arch::syscall1(static_cast<Word>(S::mmap), reinterpret_cast<Word>(args));
    } else {
        r = arch::syscall6(static_cast<Word>(S::mmap), 0, static_cast<Word>(len), prot, flags, -1, 0);
    }
    return sys::is_error(r) ? nullptr : reinterpret_cast<void*>(static_cast<uintptr_t>(r));
}

// Returns the PT_TLS image, or an empty one.
tls::Image find_tls(const unsigned long* aux) {
    uintptr_t bias = 0;
    if (auto t = find_phdr(aux, elf::PT_TLS, &bias))
        return tls::Image{reinterpret_cast<const void*>(bias + t->vaddr), t->filesz, t->memsz, t->align,
                          static_cast<uintptr_t>(t->vaddr)};
    return tls::Image{nullptr, 0, 0, 1, 0};
}

size_t page_size(const unsigned long* aux) {
    size_t page = aux_value(aux, sys::auxv::PAGESZ);
    return page != 0 ? page : arch::MIN_PAGE_SIZE;
}

// --- 2b. RELRO -------------------------------------------------------------------------------
// What the linker put in PT_GNU_RELRO (.init_array, .fini_array, .data.rel.ro, .got, the TLS
// image...) is final once relocated: the whole pages of it become read-only, as a dynamic
// loader would make them (linkers end the range on a page boundary; its first page holds
// nothing writable before it). A static program has no loader, so start-up does it. Programs
// built without position-independent code rarely have any RELRO data: then there is nothing
// to do and no syscall.
void protect_relro(const unsigned long* aux) {
    uintptr_t bias = 0;
    auto r = find_phdr(aux, elf::PT_GNU_RELRO, &bias);
    if (!r) return;
    uintptr_t page = page_size(aux);
    uintptr_t start = align_down(bias + r->vaddr, page), end = align_down(bias + r->vaddr + r->memsz, page);
    if (end <= start) return;
    auto res = arch::syscall3(static_cast<sys::Word>(sys::Sys::mprotect), static_cast<sys::Word>(start),
                              static_cast<sys::Word>(end - start), sys::prot::READ);
    if (sys::is_error(res)) early_fatal("bedrock: cannot make the RELRO segment read-only (mprotect failed)\n");
}

// Builds the area, installs the thread pointer; returns the TCB. On a bad PT_TLS, installs an
// area without TLS and reports the error through *bad, for a panic once that is safe.
arch::Tcb* setup_main_tls(const unsigned long* aux, const char** bad, ptrdiff_t* block_from_tp) {
    tls::Image img = find_tls(aux);
    auto l = tls::layout(img, arch::TLS_ABI);
    if (!l) {
        *bad = tls::error_message(l.error());
        img = tls::Image{nullptr, 0, 0, 1, 0};
        l = tls::layout(img, arch::TLS_ABI);
    }
    unsigned char* area;
    // (alignof the array type would be 1: the alignment is the variable's, MAIN_TLS_ALIGN.)
    if (l->size <= sizeof g_main_tls && l->align <= MAIN_TLS_ALIGN) {
        area = g_main_tls;
    } else {
        size_t page = page_size(aux);
        size_t extra = l->align > page ? l->align : 0;
        size_t len = align_up(l->size + extra, page);
        auto m = static_cast<unsigned char*>(map_anonymous(len));
        if (!m) early_fatal("bedrock: cannot map the main thread's TLS area\n");
        area = m + ((l->align - reinterpret_cast<uintptr_t>(m) % l->align) % l->align);
    }
    tls::initialize(area, *l, img);
    auto tcb = reinterpret_cast<arch::Tcb*>(area + l->tcb);
    arch::init_tcb(tcb);
    tcb->rt.tls_block = area + l->block;
    tcb->rt.thread = nullptr;
    tcb->rt.area = area;
    tcb->rt.area_size = l->size;
    detail::g_tls_image = img;
    detail::g_tls_layout = *l;
    *block_from_tp = static_cast<ptrdiff_t>(l->block) - static_cast<ptrdiff_t>(l->tp);
    if (!arch::set_thread_pointer(area + l->tp)) early_fatal("bedrock: cannot set the thread pointer\n");
    return tcb;
}

// --- 4. the canary -------------------------------------------------------------------------
uintptr_t make_canary(const unsigned long* aux) {
    uintptr_t c = 0;
    auto random = reinterpret_cast<const unsigned char*>(aux_value(aux, sys::auxv::RANDOM));
    auto bytes = reinterpret_cast<unsigned char*>(&c);
    if (random) {
        for (size_t i = 0; i < sizeof c; ++i) bytes[i] = random[i];
    } else {
        // No AT_RANDOM (a kernel before 2.6.29): ask getrandom, non-blocking.
        arch::syscall3(static_cast<sys::Word>(sys::Sys::getrandom), reinterpret_cast<sys::Word>(&c), sizeof c,
                       sys::grnd::NONBLOCK);
    }
    // A zero byte first in memory stops string functions from reading or writing past it.
    bytes[0] = 0;
    return c;
}

} // namespace

} // namespace rt

extern "C" [[noreturn, gnu::used]] void __bedrock_start(long* sp) {
    int argc = static_cast<int>(sp[0]);
    char** argv = reinterpret_cast<char**>(sp + 1);
    char** envp = argv + argc + 1;
    char** e = envp;
    while (*e) ++e;
    auto aux = reinterpret_cast<unsigned long*>(e + 1);

    auto deferred = rt::self_relocate(aux);
    rt::detail::g_process = rt::ProcessInfo{argc, argv, envp, aux};

    const char* bad_tls = nullptr;
    ptrdiff_t block_from_tp = 0;
    auto tcb = rt::setup_main_tls(aux, &bad_tls, &block_from_tp);
    if (deferred.count) rt::apply_tls_relocations(deferred, block_from_tp);
    rt::protect_relro(aux);
    uintptr_t canary = rt::make_canary(aux);
    tcb->canary = canary;
    __stack_chk_guard = canary;
    if (bad_tls) rt::panic(bad_tls);

    for (const InitFn* f = __preinit_array_start; f != __preinit_array_end; ++f) (*f)(argc, argv, envp);
    for (const InitFn* f = __init_array_start; f != __init_array_end; ++f) (*f)(argc, argv, envp);
    int code;
    if (main_c) code = main_c(argc, argv, envp);
    else if (main_envp) code = main_envp(argc, argv, envp);
    else if (main_argv) code = main_argv(argc, argv);
    else if (main_void) code = main_void();
    else rt::panic("the program defines no main function");
    rt::exit(code);
}
