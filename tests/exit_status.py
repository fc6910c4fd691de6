#!/usr/bin/env python3
"""Checks exit-status propagation of a bedrock program: runs exit_test (under the ABI's
runner, if any) and compares the exit status and the clean-up output with what a C++ program
must produce. TAP output, one case per code."""
import subprocess
import sys

exe = sys.argv[1]
runner = sys.argv[2:]
# (mode, argument, expected status): the status is the low 8 bits of main's value.
cases = [("return", "0", 0), ("return", "1", 1), ("return", "42", 42), ("return", "255", 255),
         ("return", "256", 0), ("return", "-1", 255), ("exit", "7", 7), ("exit", "300", 44)]
# atexit handlers run in reverse order of registration; the global's destructor was
# registered (by its constructor, via __cxa_atexit) before them; fini_array runs last.
expected_out = "atexit-2\natexit-1\nglobal-dtor\nfini-array\n"
print("TAP version 13")
print("1..%d" % len(cases))
failed = 0
for i, (mode, arg, want) in enumerate(cases, 1):
    p = subprocess.run(runner + [exe, mode, arg], capture_output=True, text=True, timeout=60)
    ok = p.returncode == want and p.stdout == expected_out
    if not ok:
        failed += 1
        print("# got status %d, stdout %r, stderr %r" % (p.returncode, p.stdout, p.stderr))
    print("%sok %d - %s(%s) exits with status %d after clean-up" % ("" if ok else "not ", i, mode, arg, want))
sys.exit(1 if failed else 0)
