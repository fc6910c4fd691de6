// Built with -ftls-model=initial-exec: the offset from TP comes from the GOT.
#include "tls_models.h"

int read_shared_ie() { return tl_shared; }
int* addr_shared_ie() { return &tl_shared; }
void write_shared_ie(int v) { tl_shared = v; }
