#!/usr/bin/env python3
"""Runs programs whose main falls off its end (tests/main_return.cpp, at several optimization
levels) and checks that each exits with status 0 after printing its line. TAP output.
usage: main_return.py <exe>... -- <runner...>"""
import subprocess
import sys

args = sys.argv[1:]
sep = args.index("--") if "--" in args else len(args)
exes, runner = args[:sep], args[sep + 1:]
print("TAP version 13")
print("1..%d" % len(exes))
failed = 0
for i, exe in enumerate(exes, 1):
    with_args = "args" in exe.rsplit("/", 1)[-1]
    cmd = runner + [exe] + (["x"] if with_args else [])
    want = "main ran with 1 argument(s), x\n" if with_args else "main ran\n"
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    ok = p.returncode == 0 and p.stdout == want
    if not ok:
        failed += 1
        print("# got status %d, stdout %r, stderr %r" % (p.returncode, p.stdout, p.stderr[-500:]))
    print("%sok %d - %s: main falling off its end exits with status 0" % ("" if ok else "not ", i,
                                                                           exe.rsplit("/", 1)[-1]))
sys.exit(1 if failed else 0)
