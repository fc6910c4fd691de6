// mips ABI facts beyond the syscall instruction (o32, n32, n64 alike):
// - 128 signals: sigset_t is 16 bytes (n32 uses the compat layout, 32-bit words, which is what
//   unsigned long gives there); rt_sigaction/rt_sigprocmask take sigsetsize 16.
// - struct sigaction is IRIX-ordered, { unsigned int sa_flags; handler; sa_mask; }, with no
//   sa_restorer: the kernel returns from handlers through the vDSO's __vdso_rt_sigreturn
//   (QEMU user-mode supplies its own trampoline), so set_restorer does nothing.
// - stack_t is { ss_sp; size_t ss_size; int ss_flags; } (size before flags).
// - CLONE_BACKWARDS: clone(flags, newsp, parent_tid, tls, child_tid); flags first either way.
// Sources: arch/mips/include/uapi/asm/signal.h (_NSIG 128, struct sigaction, stack_t),
// arch/mips/include/asm/signal.h (__ARCH_HAS_IRIX_SIGACTION), include/linux/compat.h and
// arch/mips/include/asm/compat.h (n32: compat_sigaction, compat_stack_t, _COMPAT_NSIG_BPW 32),
// arch/mips/kernel/signal.c (setup_rt_frame: $ra = vdso + off_rt_sigreturn), arch/mips/Kconfig
// (select CLONE_BACKWARDS), kernel/fork.c (SYSCALL_DEFINE5(clone) argument orders).
#pragma once

#include <stddef.h>

#include "rt/arch/generic/abi_defaults.h"
#include "rt/arch/generic/kernel_types.h"
#include "syscall_arch.h"
#include "uapi.h"

namespace rt::arch {

using SigSet = generic::SigSet<128>;
static_assert(sizeof(SigSet) == 16, "mips sigset_t holds 128 signals");

struct KernelSigaction {
    unsigned int flags;
    void* handler;
    SigSet mask;
};

struct KernelStack {
    void* sp;
    size_t size;
    int flags;
};

static_assert(sizeof(KernelSigaction) == (sizeof(void*) == 8 ? 32 : 24), "o32/n32: 24 bytes, n64: 32");
static_assert(sizeof(KernelStack) == 3 * sizeof(void*), "o32/n32: 12 bytes, n64: 24");

// Defaults that hold: set_restorer does nothing (no restorer member: the kernel supplies the
// sigreturn trampoline); mmap's six arguments go in registers, on o32 too (the last two in the
// stack slots the kernel copies, which syscall6 fills); clone_fork passes the flags first.

// QEMU 7.2 user-mode (the test matrix's) gives o32 a struct sigaction with an sa_restorer word
// after the mask (linux-user/syscall_defs.h: "always present, but ignored unless O32"; the
// kernel dropped it in 2.5.48, see the SA_RESTORER comment in the uapi signal.h; QEMU patch
// "linux-user/mips/o32: Drop sa_restorer functionality", July 2025): it reads one word past
// the kernel's struct and writes one word past it into *old, over whatever the caller keeps
// there. The structs go through buffers with a spare zeroed word, so the kernel's layout and
// QEMU's both work: the mask is at the same offset in each and only the kernel's part is
// copied back. (On n32/n64 QEMU matches the kernel; the buffers are merely unneeded there.)
inline Word rt_sigaction(Word nr, int sig, const KernelSigaction* act, KernelSigaction* old) {
    struct Padded {
        KernelSigaction sa;
        unsigned long spare;
    } in{}, out{};
    if (act) in.sa = *act;
    Word r = syscall4(nr, sig, act ? reinterpret_cast<Word>(&in) : 0, old ? reinterpret_cast<Word>(&out) : 0,
                      sizeof(SigSet));
    if (old && !(r < 0 && r >= -4095)) *old = out.sa;
    return r;
}

// Start-up facts.
// - R_RELATIVE: mips has no R_MIPS_RELATIVE. Its dynamic "relative" relocation is
//   R_MIPS_REL32 (3) against symbol 0 (REL format, the addend in place; on n64 the type field
//   holds the composite R_MIPS_REL32 | R_MIPS_64 << 8 = 0x1203). It is named here for
//   completeness: mips has no static PIE (docs/abi/mips.md, "Static PIE"), so start-up only
//   ever sees a non-PIE executable, which has no PT_DYNAMIC and skips self-relocation.
// - Pages are 4 KiB at the smallest (arch/mips/Kconfig: PAGE_SIZE_4KB .. PAGE_SIZE_64KB).
// - The vDSO (arch/mips/vdso/vdso.lds.S, version LINUX_2.6; vgettimeofday.c) exports
//   __vdso_clock_gettime taking a struct __kernel_timespec on n64, and an
//   old_timespec32 one on o32/n32, which also have __vdso_clock_gettime64 with a struct
//   __kernel_timespec (64-bit seconds). The kernel may be built without it
//   (CONFIG_MIPS_DISABLE_VDSO, or no usable clocksource): then the lookup finds nothing.
inline constexpr unsigned long R_RELATIVE = 3;
#if _MIPS_SIM == _ABI64
inline constexpr const char* VDSO_CLOCK_GETTIME = "__vdso_clock_gettime";
#else
inline constexpr const char* VDSO_CLOCK_GETTIME = "__vdso_clock_gettime64";
#endif
inline constexpr const char* VDSO_VERSION = "LINUX_2.6";

// o32 passes a 64-bit argument in an even/odd register pair (a0/a1 or a2/a3: the MIPS o32
// calling convention aligns doublewords to 8 bytes of the argument area). n32 and n64 have
// 64-bit registers and pass it in one, so the flag is read only on o32.
inline constexpr bool ALIGNED_REGISTER_PAIRS = true;

} // namespace rt::arch
