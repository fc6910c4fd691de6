// rt's vDSO parser (rt/time/vdso.cpp) on a real vDSO: the one the host kernel maps into this
// (glibc) process. The expected answers come from an independent reading of the same image —
// its section headers (SHT_DYNSYM, its string table, SHT_GNU_versym and SHT_GNU_verdef), which
// rt's parser does not use (it goes through the dynamic section and DT_HASH / DT_GNU_HASH) —
// and from calling what it finds.
#include <catch2/catch.hpp>

#include <elf.h>
#include <sys/auxv.h>
#include <time.h>

#include <cstring>

#include "rt/time/clock.h"

namespace {

const unsigned char* host_vdso() { return reinterpret_cast<const unsigned char*>(getauxval(AT_SYSINFO_EHDR)); }

// The address of `name`@`version` by the section headers, or null.
void* by_sections(const unsigned char* base, const char* name, const char* version) {
    auto eh = reinterpret_cast<const Elf64_Ehdr*>(base);
    auto sh = reinterpret_cast<const Elf64_Shdr*>(base + eh->e_shoff);
    const Elf64_Shdr *dynsym = nullptr, *versym = nullptr, *verdef = nullptr;
    for (int i = 0; i < eh->e_shnum; ++i) {
        if (sh[i].sh_type == SHT_DYNSYM) dynsym = &sh[i];
        if (sh[i].sh_type == SHT_GNU_versym) versym = &sh[i];
        if (sh[i].sh_type == SHT_GNU_verdef) verdef = &sh[i];
    }
    if (!dynsym) return nullptr;
    auto strtab = reinterpret_cast<const char*>(base + sh[dynsym->sh_link].sh_offset);
    auto syms = reinterpret_cast<const Elf64_Sym*>(base + dynsym->sh_offset);
    size_t n = dynsym->sh_size / sizeof(Elf64_Sym);
    // The vDSO is linked at address 0 (its first PT_LOAD's p_vaddr is 0 on x86_64): a symbol's
    // value is its offset from the image.
    uintptr_t vaddr0 = 0;
    auto ph = reinterpret_cast<const Elf64_Phdr*>(base + eh->e_phoff);
    for (int i = 0; i < eh->e_phnum; ++i)
        if (ph[i].p_type == PT_LOAD) { vaddr0 = ph[i].p_vaddr - ph[i].p_offset; break; }
    for (size_t i = 0; i < n; ++i) {
        if (std::strcmp(strtab + syms[i].st_name, name) != 0 || syms[i].st_shndx == SHN_UNDEF) continue;
        if (versym && verdef) {
            auto vs = reinterpret_cast<const Elf64_Half*>(base + versym->sh_offset)[i] & 0x7fff;
            auto vstr = reinterpret_cast<const char*>(base + sh[verdef->sh_link].sh_offset);
            bool match = false;
            for (auto d = reinterpret_cast<const Elf64_Verdef*>(base + verdef->sh_offset);;
                 d = reinterpret_cast<const Elf64_Verdef*>(reinterpret_cast<const unsigned char*>(d) + d->vd_next)) {
                auto aux = reinterpret_cast<const Elf64_Verdaux*>(reinterpret_cast<const unsigned char*>(d) + d->vd_aux);
                if (d->vd_ndx == vs && std::strcmp(vstr + aux->vda_name, version) == 0) match = true;
                if (!d->vd_next) break;
            }
            if (!match) continue;
        }
        return const_cast<unsigned char*>(base) + (syms[i].st_value - vaddr0);
    }
    return nullptr;
}

} // namespace

TEST_CASE("the vDSO parser finds the host vDSO's symbols where its section headers say they are") {
    const unsigned char* base = host_vdso();
    REQUIRE(base != nullptr); // x86_64 kernels map one unless booted with vdso=0
    unsigned long ehdr = reinterpret_cast<unsigned long>(base);
    for (const char* sym : {"__vdso_clock_gettime", "__vdso_gettimeofday", "__vdso_time", "__vdso_getcpu",
                            "__vdso_clock_getres"}) {
        INFO(sym);
        void* want = by_sections(base, sym, "LINUX_2.6");
        REQUIRE(want != nullptr);
        CHECK(rt::detail::vdso_lookup(ehdr, sym, "LINUX_2.6") == want);
    }
    // Absent names and wrong versions are not found.
    CHECK(rt::detail::vdso_lookup(ehdr, "__vdso_no_such_symbol", "LINUX_2.6") == nullptr);
    CHECK(rt::detail::vdso_lookup(ehdr, "__vdso_clock_gettime", "LINUX_9.9") == nullptr);
    CHECK(rt::detail::vdso_lookup(0, "__vdso_clock_gettime", "LINUX_2.6") == nullptr);
}

TEST_CASE("the clock_gettime the parser finds in the host vDSO tells the time") {
    const unsigned char* base = host_vdso();
    REQUIRE(base != nullptr); // x86_64 kernels map one unless booted with vdso=0
    using Fn = int (*)(clockid_t, struct timespec*);
    auto f = reinterpret_cast<Fn>(rt::detail::vdso_lookup(reinterpret_cast<unsigned long>(base), "__vdso_clock_gettime",
                                                          "LINUX_2.6"));
    REQUIRE(f != nullptr);
    struct timespec a {}, v {}, b {};
    REQUIRE(clock_gettime(CLOCK_MONOTONIC, &a) == 0);
    REQUIRE(f(CLOCK_MONOTONIC, &v) == 0);
    REQUIRE(clock_gettime(CLOCK_MONOTONIC, &b) == 0);
    auto ns = [](const timespec& t) { return t.tv_sec * 1'000'000'000LL + t.tv_nsec; };
    CHECK(ns(a) <= ns(v));
    CHECK(ns(v) <= ns(b));
}
