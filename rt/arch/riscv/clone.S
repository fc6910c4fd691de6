// RISC-V thread start and self-unmapping exit (prototypes: rt/thread/clone.h), RV32 and RV64.
// C arguments (psABI integer calling convention): a0 flags, a1 stack_top, a2 ptid, a3 tls,
// a4 ctid, a5 fn, a6 arg.
// Kernel clone (arch/riscv/Kconfig selects CLONE_BACKWARDS; kernel/fork.c): a7 = __NR_clone,
//   a0 flags, a1 newsp, a2 parent_tid, a3 tls, a4 child_tid — the C order already. Result in
//   a0, -errno on failure. The child starts after `ecall` with sp = newsp, tp = tls and the
//   parent's other registers (arch/riscv/kernel/process.c copy_thread), so fn and arg ride in
//   a5/a6.
// The child's sp must be 16-byte aligned (psABI: "the stack pointer shall be aligned to a
// 128-bit boundary upon procedure entry"); ra and s0 (frame pointer) are cleared so that
// backtraces end there.
#include "syscall_nr.h"
    .text
    .globl rt_arch_clone
    .type rt_arch_clone, %function
    .hidden rt_arch_clone
rt_arch_clone:
    andi a1, a1, -16
    li a7, RT_NR_clone
    ecall
    beqz a0, 1f
    ret
1:  li ra, 0
    li s0, 0
    mv a0, a6
    jalr a5
    li a7, RT_NR_exit
    ecall
    unimp
    .size rt_arch_clone, . - rt_arch_clone

// munmap(a0, a1), then exit(0), in registers only.
    .globl rt_arch_unmap_and_exit
    .type rt_arch_unmap_and_exit, %function
    .hidden rt_arch_unmap_and_exit
rt_arch_unmap_and_exit:
    li a7, RT_NR_munmap
    ecall
    li a0, 0
    li a7, RT_NR_exit
    ecall
    unimp
    .size rt_arch_unmap_and_exit, . - rt_arch_unmap_and_exit
    .section .note.GNU-stack, "", %progbits
