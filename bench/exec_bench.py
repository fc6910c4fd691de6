#!/usr/bin/env python3
"""Executor benchmarks side by side: bedrock (bench/exec_rt.cpp) against a glibc std::thread pool
(bench/ref/exec_stdthread.cpp) and Zig 0.11's std.Thread.Pool (bench/ref/exec_zig_pool.zig, built
here with the compiler scripts/zig-fetch installs). Each row runs the programs alternately,
ROUNDS times after a warm-up round, and compares medians of nanoseconds per task.

Rows:  executor   N tiny tasks: rt::Group::async on rt::Executor (defaults) vs the references'
                  spawn + wait group (goal: throughput >= 1.5x both);
       pool       the same through rt::Pool::spawn_wg, where every task is queued (goal: time
                  <= 1.0x Zig's, i.e. throughput >= 1.0x; none against std::thread);
       roundtrip  async(f).await() vs spawn + event wait / promise (goal: <= 1.0x Zig's time).
Zig runs with two allocators (arena, gpa); the faster one is the reference.

usage: exec_bench.py [--quick] [--fetch-zig] RT STDTHREAD
A missing Zig is reported as missing; a program exiting non-zero (a wrong count) fails the run.
"""
import os
import statistics
import subprocess
import sys

import zigref

args = sys.argv[1:]
quick = "--quick" in args
fetch = "--fetch-zig" in args
rt_prog, std_prog = [a for a in args if not a.startswith("--")]
rounds = 3 if quick else 7
sizes = {"executor": 100000 if quick else 1000000, "pool": 100000 if quick else 1000000,
         "roundtrip": 3000 if quick else 30000}


def find_zig():
    zig, why = zigref.find(fetch)
    if not zig:
        return None, why
    return zigref.build(zig, "exec_zig_pool.zig", os.path.dirname(os.path.abspath(rt_prog)), "exec_zig_pool",
                        "ReleaseFast")


zig_exe, zig_missing = find_zig()
progs = {"rt": [rt_prog], "std::thread": [std_prog]}
if zig_exe:
    progs["zig/arena"] = [zig_exe]
    progs["zig/gpa"] = [zig_exe]
extra = {"zig/arena": ["arena"], "zig/gpa": ["gpa"]}

print("# executor benchmarks, median of %d alternating runs after a warm-up; ns per task" % rounds)
if zig_missing:
    print("# zig reference missing: " + zig_missing)
failed = False
missed = 0
for mode, n in sizes.items():
    times = {k: [] for k in progs}
    for r in range(rounds + 1):
        for k, cmd in progs.items():
            out = subprocess.run(cmd + [mode, str(n)] + extra.get(k, []), capture_output=True, text=True,
                                 timeout=900)
            if out.returncode != 0:
                print("FAIL %s %s exited %d: %s" % (k, mode, out.returncode, out.stderr.strip()))
                failed = True
                break
            if r:
                times[k].append(float(out.stdout.strip()))
    if failed:
        break
    med = {k: statistics.median(v) for k, v in times.items()}
    print("# %s, N=%d" % (mode, n))
    for k in progs:
        print("#   %-12s %10.1f  (%s)" % (k, med[k], ", ".join("%.1f" % t for t in times[k])))
    refs = {"std::thread": med["std::thread"]}
    if zig_exe:
        zk = min(("zig/arena", "zig/gpa"), key=lambda k: med[k])
        refs["zig"] = med[zk]
    for ref in ("std::thread", "zig"):
        if ref not in refs:
            print("BENCH exec %-9s vs %-11s: not measured (%s)" % (mode, ref, zig_missing))
            continue
        ratio = med["rt"] / refs[ref]
        if mode == "roundtrip":
            goal = "goal<=1.00 " + ("met" if ratio <= 1.0 else "missed") if ref == "zig" else "no goal"
            missed += ref == "zig" and ratio > 1.0
            print("BENCH exec roundtrip vs %-11s rt=%9.1f ref=%9.1f time ratio=%5.3f %s"
                  % (ref, med["rt"], refs[ref], ratio, goal))
        else:
            speed = refs[ref] / med["rt"]
            want = 1.5 if mode == "executor" else 1.0 if ref == "zig" else None
            goal = ("goal>=%.1fx " % want + ("met" if speed >= want else "missed")) if want else "no goal"
            missed += bool(want) and speed < want
            print("BENCH exec %-9s vs %-11s rt=%9.1f ref=%9.1f throughput=%6.2fx %s"
                  % (mode, ref, med["rt"], refs[ref], speed, goal))
print("# %d goal(s) missed" % missed)
sys.exit(1 if failed else 0)
