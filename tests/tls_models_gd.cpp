// Built with -fPIC -ftls-model=global-dynamic: code as a shared library would have it, which
// the linker relaxes to local-exec in a static executable (or leaves calling __tls_get_addr).
#include "tls_models.h"

int read_shared_gd() { return tl_shared; }
int* addr_shared_gd() { return &tl_shared; }
void write_shared_gd(int v) { tl_shared = v; }
