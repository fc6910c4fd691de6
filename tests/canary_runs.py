#!/usr/bin/env python3
"""The stack-protector canary must differ from one run to the next (it comes from the
kernel's AT_RANDOM bytes): runs canary_print (under the ABI's runner) several times."""
import subprocess
import sys

exe, runner = sys.argv[1], sys.argv[2:]
values = []
for _ in range(4):
    p = subprocess.run(runner + [exe], capture_output=True, text=True, timeout=60)
    values.append(p.stdout.strip() if p.returncode == 0 else None)
print("TAP version 13")
print("1..2")
ok = all(v and int(v, 16) != 0 for v in values)
print("%sok 1 - every run sets a non-zero canary" % ("" if ok else "not "))
distinct = len(set(values)) == len(values) and None not in values
if not distinct:
    print("# canaries: %r" % values)
print("%sok 2 - %d runs, %d distinct canaries" % ("" if distinct else "not ", len(values), len(set(values))))
sys.exit(0 if ok and distinct else 1)
