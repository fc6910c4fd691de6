// Zig 0.11 reference for bench/suite.py's spawn row: N std.Thread.spawn + join with STACK-byte
// stacks (0: Zig's default, 16 MiB). Usage: spawn N STACK. Prints ns per spawn+join.
const std = @import("std");

fn body() void {}

pub fn main() !void {
    var args = std.process.args();
    _ = args.skip();
    const n = try std.fmt.parseInt(usize, args.next() orelse "20000", 10);
    const stack = try std.fmt.parseInt(usize, args.next() orelse "65536", 10);
    const cfg = std.Thread.SpawnConfig{ .stack_size = if (stack == 0) (std.Thread.SpawnConfig{}).stack_size else stack };
    const t0 = try std.time.Instant.now();
    var i: usize = 0;
    while (i < n) : (i += 1) {
        const t = try std.Thread.spawn(cfg, body, .{});
        t.join();
    }
    const t1 = try std.time.Instant.now();
    const tenths = t1.since(t0) * 10 / n;
    try std.io.getStdOut().writer().print("{d}.{d}\n", .{ tenths / 10, tenths % 10 });
}
