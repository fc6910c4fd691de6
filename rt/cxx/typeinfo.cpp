// Enough of the C++ ABI's RTTI and exception support for code built with the compilers'
// default -frtti -fexceptions to link (rt itself and pkg-config's flags use -fno-rtti
// -fno-exceptions). With RTTI, every polymorphic class gets a type_info object whose vtable
// pointer names one of the __cxxabiv1 classes below; their vtables are emitted here, next to
// their key functions (the destructors). dynamic_cast and typeid comparisons of bases need
// more of the runtime and are not provided: such a program fails to link, by name.
// With exceptions, functions with cleanups reference the personality routine and
// _Unwind_Resume; bedrock never throws, so reaching either is a bug and panics.
// Layouts: Itanium C++ ABI §2.9.5 (RTTI), §1.2 (vtables); ARM EHABI §7 (personality routines).
#include "rt/core/panic.h"
#include "rt/cxx/type_info.h"

namespace std {
type_info::~type_info() = default;
} // namespace std

namespace __cxxabiv1 {
class __fundamental_type_info : public std::type_info {
public:
    ~__fundamental_type_info() override;
};
class __class_type_info : public std::type_info {
public:
    ~__class_type_info() override;
};
class __si_class_type_info : public __class_type_info {
public:
    ~__si_class_type_info() override;
    const __class_type_info* base_;
};
class __vmi_class_type_info : public __class_type_info {
public:
    ~__vmi_class_type_info() override;
    unsigned flags_, base_count_;
};
class __pointer_type_info : public std::type_info {
public:
    ~__pointer_type_info() override;
    unsigned flags_;
    const std::type_info* pointee_;
};
__fundamental_type_info::~__fundamental_type_info() = default;
__class_type_info::~__class_type_info() = default;
__si_class_type_info::~__si_class_type_info() = default;
__vmi_class_type_info::~__vmi_class_type_info() = default;
__pointer_type_info::~__pointer_type_info() = default;
} // namespace __cxxabiv1

extern "C" {
[[noreturn]] void __gxx_personality_v0() { rt::panic("C++ exception unwinding reached (bedrock has no exceptions)"); }
[[noreturn]] void _Unwind_Resume() { rt::panic("C++ exception unwinding reached (bedrock has no exceptions)"); }
// ARM EHABI: the end of a cleanup that resumes unwinding, and the personality routines
// referenced from .ARM.exidx entries.
[[noreturn]] void __cxa_end_cleanup() { rt::panic("C++ exception unwinding reached (bedrock has no exceptions)"); }
// ARM EHABI's personality routines, referenced from .ARM.exidx entries.
[[noreturn]] void __aeabi_unwind_cpp_pr0() { rt::panic("C++ exception unwinding reached (bedrock has no exceptions)"); }
[[noreturn]] void __aeabi_unwind_cpp_pr1() { rt::panic("C++ exception unwinding reached (bedrock has no exceptions)"); }
[[noreturn]] void __aeabi_unwind_cpp_pr2() { rt::panic("C++ exception unwinding reached (bedrock has no exceptions)"); }
}
