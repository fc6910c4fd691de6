// std::type_info as the Itanium C++ ABI lays it out (§2.9.5: a vtable pointer, then the
// mangled name), for the parts of rt that define RTTI classes or read type names. rt is built
// without the standard library; hosted user code gets the real <typeinfo>, whose class has the
// same layout.
#pragma once

namespace std {
class type_info {
public:
    virtual ~type_info();
    const char* name_;
};
} // namespace std
