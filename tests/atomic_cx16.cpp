// x86_64 only, compiled with -mcx16 (tests/meson.build): 16-byte atomics as code built for
// x86-64-v2 or -march=native does them — inline LOCK CMPXCHG16B, with both compilers for the
// __sync builtins — for the atomic test to mix with bedrock's library calls on one object.
#include <stdint.h>

using u128 = unsigned __int128;

void add_one_cx16(u128* p) { __sync_fetch_and_add(p, 1); }
u128 load_cx16(u128* p) { return __sync_val_compare_and_swap(p, 0, 0); }
