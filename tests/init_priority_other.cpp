// The second translation unit of init_priority_test: its prioritized objects and functions
// interleave with the first one's (200 and 400 here; 150, 250, 450 and 500 there).
#include "init_priority.h"

using namespace initprio;

namespace {
Obj b_obj200 __attribute__((init_priority(200)))(200);
Obj b_obj400 __attribute__((init_priority(400)))(400);
Obj b_plain(2001);

__attribute__((constructor(300))) void b_ctor300() { log(300); }
__attribute__((constructor)) void b_ctor_plain() { log(2002); }
__attribute__((destructor(300))) void b_dtor300() { log(FINI + 300); }
__attribute__((destructor)) void b_dtor_plain() { log(FINI + 2003); }
} // namespace
