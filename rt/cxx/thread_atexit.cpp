// Destructors of thread_local objects (Itanium C++ ABI __cxa_thread_atexit): registered by the
// compiler when such an object is first constructed on a thread, run when the thread ends
// (rt::Thread) or when the main thread calls rt::exit / returns from main, newest first.
#include "rt/mem/alloc.h"
#include "rt/tls/exit_hooks.h"

namespace {

struct Dtor {
    rt::detail::ExitHook hook; // first: the hook's address is the node's
    void (*fn)(void*);
    void* obj;
};

void run_dtor(rt::detail::ExitHook* h) {
    auto d = reinterpret_cast<Dtor*>(h);
    auto fn = d->fn;
    auto obj = d->obj;
    rt::free(d);
    fn(obj);
}

} // namespace

extern "C" int __cxa_thread_atexit(void (*fn)(void*), void* obj, void* /*dso*/) {
    auto d = static_cast<Dtor*>(rt::alloc(sizeof(Dtor)));
    if (!d) return -1;
    d->hook.fn = run_dtor;
    d->fn = fn;
    d->obj = obj;
    rt::detail::at_thread_exit(&d->hook);
    return 0;
}

// What GCC's libstdc++-targeting code and clang call on some targets.
extern "C" int __cxa_thread_atexit_impl(void (*fn)(void*), void* obj, void* dso) { return __cxa_thread_atexit(fn, obj, dso); }
