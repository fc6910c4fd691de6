// Zig 0.11 reference thread demo for bench/suite.py's size row (what bench/threads_rt.cpp
// does): the primes below 2 000 000 counted on 4 threads.
const std = @import("std");

const limit: u32 = 2_000_000;
const nthreads: u32 = 4;

fn countPrimes(lo: u32, hi: u32, out: *u32) void {
    var n: u32 = 0;
    var v: u32 = if (lo < 2) 2 else lo;
    while (v < hi) : (v += 1) {
        var prime = v == 2 or v % 2 != 0;
        var d: u32 = 3;
        while (prime and d * d <= v) : (d += 2) {
            if (v % d == 0) prime = false;
        }
        if (prime) n += 1;
    }
    out.* = n;
}

pub fn main() !void {
    var results = [_]u32{0} ** nthreads;
    var threads: [nthreads]std.Thread = undefined;
    for (&threads, 0..) |*t, i| {
        const k: u32 = @intCast(i);
        t.* = try std.Thread.spawn(.{}, countPrimes, .{ k * (limit / nthreads), (k + 1) * (limit / nthreads), &results[i] });
    }
    var total: u32 = 0;
    for (threads, 0..) |t, i| {
        t.join();
        total += results[i];
    }
    try std.io.getStdOut().writer().print("primes below {d}: {d}\n", .{ limit, total });
}
