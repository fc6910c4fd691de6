#include "rt/core/panic.h"

extern "C" [[noreturn]] void __rt_divide_by_zero() { rt::panic("integer division by zero"); }
