// What libstdc++'s <memory> takes from its compiled library for std::shared_ptr:
//  - _Sp_make_shared_tag::_S_eq(ti): whether ti is typeid(std::_Sp_make_shared_tag), asked by
//    std::make_shared's control block when code built without RTTI looks for its deleter
//    (bits/shared_ptr_base.h). Type names are unique per type (Itanium C++ ABI §2.9.4: a name
//    beginning with '*' is compared by address elsewhere, by string here), so compare names.
//  - __gnu_cxx::__exchange_and_add and __atomic_add (ext/atomicity.h), the reference count
//    steps that the headers call out of line where libstdc++ was configured without inline
//    atomic builtins (riscv64's: _GLIBCXX_ATOMIC_BUILTINS is not defined in its c++config.h).
#include "rt/cxx/type_info.h"

namespace std {

struct _Sp_make_shared_tag {
    static bool _S_eq(const type_info& ti) noexcept;
};

bool _Sp_make_shared_tag::_S_eq(const type_info& ti) noexcept {
    const char* name = ti.name_;
    if (*name == '*') ++name;
    const char* want = "St19_Sp_make_shared_tag";
    for (; *name == *want; ++name, ++want)
        if (*name == 0) return true;
    return false;
}

} // namespace std

namespace __gnu_cxx {

int __exchange_and_add(volatile int* mem, int val) { return __atomic_fetch_add(mem, val, __ATOMIC_ACQ_REL); }
void __atomic_add(volatile int* mem, int val) { __atomic_fetch_add(mem, val, __ATOMIC_ACQ_REL); }

} // namespace __gnu_cxx
