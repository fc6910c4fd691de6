// libstdc++ declares std::allocator<char> and std::allocator<wchar_t> as explicit
// instantiations of its compiled library (`extern template class allocator<char>;` in
// bits/allocator.h, not switched off by anything a program can define). Where the compiler
// does not inline their constructors and destructor (at -O0), the program calls these. The
// allocator is empty and stateless (its base, __new_allocator, too), so they do nothing; the
// class here declares only them, which gives them the library's mangled names.
namespace std {

template <class T> class allocator;

template <> class allocator<char> {
public:
    allocator() noexcept;
    allocator(const allocator&) noexcept;
    ~allocator();
};
template <> class allocator<wchar_t> {
public:
    allocator() noexcept;
    allocator(const allocator&) noexcept;
    ~allocator();
};

allocator<char>::allocator() noexcept {}
allocator<char>::allocator(const allocator&) noexcept {}
allocator<char>::~allocator() {}
allocator<wchar_t>::allocator() noexcept {}
allocator<wchar_t>::allocator(const allocator&) noexcept {}
allocator<wchar_t>::~allocator() {}

} // namespace std
