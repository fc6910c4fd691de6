#!/usr/bin/env python3
"""Thread spawn+join (64 KiB stacks) side by side: bedrock's rt::Thread against glibc static and
musl static pthread_create+pthread_join, and against the floor (the bare clone stub on a reused
stack, joined by futex). The programs run alternately, ROUNDS times each; medians compared.

usage: spawn_bench.py [--quick] RT FLOOR GLIBC [MUSL]
"""
import statistics
import subprocess
import sys

args = sys.argv[1:]
quick = "--quick" in args
args = [a for a in args if a != "--quick"]
rounds, n = (3, 2000) if quick else (7, 20000)
names = ["rt", "floor", "glibc", "musl"]
progs = dict(zip(names, args))

times = {k: [] for k in progs}
for r in range(rounds + 1):  # round 0 warms up page cache and CPU frequency
    for k, p in progs.items():
        out = subprocess.run([p, str(n)], capture_output=True, text=True, timeout=600)
        if out.returncode != 0:
            sys.exit(f"{k}: {p} failed with {out.returncode}: {out.stderr}")
        if r:
            times[k].append(float(out.stdout.strip()))
med = {k: statistics.median(v) for k, v in times.items()}
print(f"# spawn+join, 64 KiB stacks, {n} per run, median of {rounds} alternating runs; ns per spawn+join")
for k in progs:
    print(f"#   {k:6s} {med[k]:10.1f}  ({', '.join('%.0f' % t for t in times[k])})")
missed = 0
for ref, goal in (("glibc", 0.9), ("musl", 0.75), ("floor", 1.1)):
    if ref not in med:
        print(f"BENCH spawn+join vs {ref:5s}: not measured ({ref} reference missing)")
        continue
    ratio = med["rt"] / med[ref]
    met = ratio <= goal
    missed += not met
    print(f"BENCH spawn+join vs {ref:5s} rt={med['rt']:9.1f} {ref}={med[ref]:9.1f} ratio={ratio:5.3f} "
          f"goal<={goal:4.2f} {'met' if met else 'missed'}")
print(f"# {missed} goal(s) missed")
