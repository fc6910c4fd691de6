// libstdc++'s riscv64 configuration, with std::shared_ptr's atomic lock policy
// (compat/README.md).
#pragma once
#include_next <bits/c++config.h>
#define _GLIBCXX_HAVE_ATOMIC_LOCK_POLICY 1
