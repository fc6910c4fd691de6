// One copy of the thread_local access matrix (tls_pic.h): the main TU's variables, reached from
// another translation unit. tests/meson.build compiles this file and tls_pic_own.cpp
// once per variant with -DTLS_PIC_ID=<model>_<code>_O<n>, -DTLS_PIC_MODEL="<model>", the same
// -ftls-model=<model>, -fpic / -fPIE / -fno-pie and -O0 / -O2. The model reaches the code twice:
// through the tls_model attribute on the declarations below that carry TLS_PIC_ATTR, and through
// -ftls-model for those without it. Compilers may use a more efficient model than the one asked
// for where the code model allows it (clang always does; GCC keeps the attribute's): the
// variants differ in what is emitted, the results must not.
#include "tls_pic.h"

#ifndef TLS_PIC_ID
#error "TLS_PIC_ID is set by tests/meson.build"
#endif

// Defined in tls_pic_test.cpp (another translation unit). constinit: without it C++ reaches an
// extern thread_local through its TLS wrapper function (_ZTW…, a COMDAT every copy would emit,
// of which the linker keeps one for all), and copies of one function compiled for different
// code models are not interchangeable everywhere: on mips GCC's -fno-pic (-mno-shared) code
// calls it with jal and no $25, which a -fpic copy needs to find $gp (GNU ld adds no la25 stub,
// since GCC marks -mno-shared objects PIC too) — tls_pic crashed on mips with GCC that way.
extern constinit thread_local int tp_init TLS_PIC_ATTR;
extern constinit thread_local long long tp_zero TLS_PIC_ATTR;
extern constinit thread_local TlsPic64 tp_al64 TLS_PIC_ATTR;
extern constinit thread_local int tp_arr[16]; // model from -ftls-model
extern constinit thread_local unsigned char tp_zarr[300] TLS_PIC_ATTR;
extern __thread int tp_gnu TLS_PIC_ATTR;

void TLS_PIC_PROBE(TlsPicReport& r, int write, int index) {
    r.shared[SH_INIT] = &tp_init;
    r.shared[SH_ZERO] = &tp_zero;
    r.shared[SH_AL64] = &tp_al64;
    r.shared[SH_ARR0] = &tp_arr[0];
    r.shared[SH_ARRI] = &tp_arr[index];
    r.shared[SH_ZARR] = &tp_zarr[index];
    r.shared[SH_GNU] = &tp_gnu;
    r.seen[SH_INIT] = tp_init;
    r.seen[SH_ZERO] = tp_zero;
    r.seen[SH_AL64] = tp_al64.v[3];
    r.seen[SH_ARR0] = tp_arr[0];
    r.seen[SH_ARRI] = tp_arr[index];
    r.seen[SH_ZARR] = tp_zarr[index];
    r.seen[SH_GNU] = tp_gnu;
    TLS_PIC_OWN(r, index);
    if (write != 0) {
        tp_init = write;
        tp_zero = 2ll * write;
        tp_arr[index] = write + 1;
        tp_zarr[index] = static_cast<unsigned char>(write);
        tp_gnu = write + 2;
        tp_al64.v[3] = write + 3;
    }
}
