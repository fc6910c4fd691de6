// The process facts start-up records (rt/start/start.cpp), and their accessors.
#include "rt/sys/process_info.h"

#include "rt/core/string_view.h"
#include "arch_abi.h"
#include "uapi.h"

namespace rt {

namespace detail {
ProcessInfo g_process;
} // namespace detail

using detail::g_process;

namespace {
unsigned long aux_value_of(const unsigned long* aux, unsigned long type) {
    for (; aux[0] != 0; aux += 2)
        if (aux[0] == type) return aux[1];
    return 0;
}
} // namespace

const ProcessInfo& process() { return g_process; }

unsigned long auxv(unsigned long type) { return g_process.auxv ? aux_value_of(g_process.auxv, type) : 0; }

size_t page_size() {
    unsigned long p = auxv(sys::auxv::PAGESZ);
    return p ? p : arch::MIN_PAGE_SIZE;
}

const char* getenv(const char* name) {
    if (!name || !g_process.envp) return nullptr;
    // A name is non-empty and has no '=' (POSIX getenv; glibc and musl return null for the
    // others): "A=B" must not match the variable A=B=C, nor "" the entry "=x".
    StringView n(name);
    if (n.empty() || n.find('=') != StringView::NPOS) return nullptr;
    for (char** e = g_process.envp; *e; ++e) {
        // An entry is "NAME=value": the name, then '=' right after it.
        StringView entry(*e);
        if (entry.starts_with(n) && entry.size() > n.size() && entry[n.size()] == '=') return *e + n.size() + 1;
    }
    return nullptr;
}

} // namespace rt
