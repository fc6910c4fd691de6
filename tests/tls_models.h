#pragma once

extern thread_local int tl_shared;
extern thread_local int tl_shared_zero;

int read_shared_ie();
int* addr_shared_ie();
void write_shared_ie(int v);
int read_shared_gd();
int* addr_shared_gd();
void write_shared_gd(int v);
