#!/usr/bin/env python3
"""Checks bedrock's PID 1 for real kernels (tests/harness/init.cpp), run natively as an ordinary
process: on manifests whose tests pass, fail, crash, time out or are missing, on a malformed
manifest and with a watchdog that fires. TAP output, one case per manifest."""
import os
import re
import subprocess
import sys
import tempfile
import time

init, format_test, sys_test = (os.path.abspath(a) for a in sys.argv[1:4])
work = tempfile.mkdtemp(prefix="bedrock-init-test-")
fifo = os.path.join(work, "fifo")
os.mkfifo(fifo)  # opening it for reading blocks: a test that hangs


def test(name, args, timeout=60, env=(), cwd="/"):
    lines = ["test " + name, "cwd " + cwd, "timeout %d" % timeout] + ["arg " + a for a in args]
    return lines + ["env " + e for e in env] + ["run"]


# The counts format_test reports when run directly.
direct = subprocess.run([format_test], capture_output=True, text=True, timeout=120).stdout
n_format = len(re.findall(r"^ok \d+", direct, re.M))

cases = [
    ("a passing test is relayed and counted",
     test("format", [format_test], env=["BEDROCK_TEST_ENV=hello"]), 0,
     [r"^@@bedrock-test format$", r"^ok 1 ", r"^@@bedrock-result format PASS ok=%d not_ok=0 skip=0 plan=%d exit=0 ms=\d+$"
      % (n_format, n_format), r"^@@bedrock-done PASS passed=%d total=%d$" % (n_format, n_format)]),
    ("a test that exits with 3 and prints no TAP fails",
     test("three", [sys_test, "--exit-with", "3"]) + test("format", [format_test]), 1,
     [r"^@@bedrock-result three FAIL ok=0 not_ok=0 skip=0 plan=0 exit=3 ms=\d+$", r"^@@bedrock-result format PASS",
      r"^@@bedrock-done FAIL passed=%d total=%d$" % (n_format, n_format + 1)]),
    ("a missing program fails with exit 127 and its error",
     test("missing", ["/nonexistent/bedrock-test"]), 1,
     [r"init: execve /nonexistent/bedrock-test: ENOENT", r"^@@bedrock-result missing FAIL .* exit=127 ms=\d+$"]),
    ("a test past its timeout is killed and fails",
     test("hang", [init, fifo], timeout=1) + test("format", [format_test]), 1,
     [r"^@@bedrock-result hang FAIL ok=0 not_ok=0 skip=0 plan=0 timeout=1s ms=[1-4]\d{3}$", r"^@@bedrock-result format PASS"]),
    ("the watchdog ends a run that outlasts it",
     ["watchdog 1"] + test("hang", [init, fifo], timeout=60), 1,
     [r"^@@bedrock-watchdog the run took over 1 s$", r"^@@bedrock-done FAIL watchdog$"]),
    ("a malformed manifest is refused with its line",
     ["test x", "bogus directive"], 1, [r"^@@bedrock-init manifest line 2: unknown directive$",
                                        r"^@@bedrock-done FAIL passed=0 total=0$"]),
    # x86_64 has no *_time64 syscalls (64-bit time is all it has): a filter for them is refused,
    # loudly, rather than the test run as if filtered. (On 32-bit ABIs scripts/kernel and
    # scripts/test's HOST32 step run the core tests this way.)
    ("a seccomp time64 test where the ABI has no such syscalls fails with exit 125",
     test("format", [format_test])[:-1] + ["seccomp time64", "run"], 1,
     [r"init: the seccomp filter for the \*_time64 syscalls \(0 of them\) was refused",
      r"^@@bedrock-result format FAIL .* exit=125 ms=\d+$"]),
    ("a run directive without a program is refused",
     ["test x", "run"], 1, [r"^@@bedrock-init manifest line 2: run without a program \(no arg\)$"]),
]
print("TAP version 13")
print("1..%d" % len(cases))
failed = 0
for i, (name, manifest, want_rc, patterns) in enumerate(cases, 1):
    path = os.path.join(work, "manifest-%d" % i)
    with open(path, "w") as f:
        f.write("\n".join(manifest) + "\n")
    t0 = time.time()
    p = subprocess.run([init, path], capture_output=True, text=True, timeout=120)
    out = p.stdout + p.stderr
    bad = [pat for pat in patterns if not re.search(pat, out, re.M)]
    ok = p.returncode == want_rc and not bad and time.time() - t0 < 60
    if not ok:
        failed += 1
        print("# status %d (want %d), missing %r; output:" % (p.returncode, want_rc, bad))
        print("".join("#   " + l + "\n" for l in out.splitlines()[-20:]), end="")
    print("%sok %d - %s" % ("" if ok else "not ", i, name))
os.unlink(fifo)
sys.exit(1 if failed else 0)
