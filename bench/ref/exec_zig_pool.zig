// Zig 0.11 reference of bench/exec_bench.py: std.Thread.Pool with its defaults (one worker per
// CPU), built without libc (-target x86_64-linux-none). Usage: exec_zig_pool MODE N ALLOCATOR;
// prints nanoseconds per task. ALLOCATOR: "arena" (an ArenaAllocator on the page allocator:
// nothing is freed, the cheapest choice; the pool calls it under its own mutex) or "gpa"
// (std.heap.GeneralPurposeAllocator, the usual general-purpose choice).
//   executor / pool: N tiny tasks, each finishing a std.Thread.WaitGroup, then wait;
//   roundtrip:       N times spawn(f) then wait on a std.Thread.ResetEvent that f sets.
const std = @import("std");

var count: usize = 0;

fn tiny(wg: *std.Thread.WaitGroup) void {
    _ = @atomicRmw(usize, &count, .Add, 1, .Monotonic);
    wg.finish();
}

fn ping(ev: *std.Thread.ResetEvent) void {
    _ = @atomicRmw(usize, &count, .Add, 1, .Monotonic);
    ev.set();
}

pub fn main() !void {
    var args = std.process.args();
    _ = args.skip();
    const mode = args.next() orelse return error.Usage;
    const n = try std.fmt.parseInt(usize, args.next() orelse return error.Usage, 10);
    const kind = args.next() orelse "arena";

    var gpa = std.heap.GeneralPurposeAllocator(.{}){};
    var arena = std.heap.ArenaAllocator.init(std.heap.page_allocator);
    const allocator = if (std.mem.eql(u8, kind, "gpa")) gpa.allocator() else arena.allocator();

    var pool: std.Thread.Pool = undefined;
    try pool.init(.{ .allocator = allocator });

    const t0 = try std.time.Instant.now();
    if (std.mem.eql(u8, mode, "roundtrip")) {
        var ev = std.Thread.ResetEvent{};
        var i: usize = 0;
        while (i < n) : (i += 1) {
            ev.reset();
            try pool.spawn(ping, .{&ev});
            ev.wait();
        }
    } else {
        var wg = std.Thread.WaitGroup{};
        var i: usize = 0;
        while (i < n) : (i += 1) {
            wg.start();
            try pool.spawn(tiny, .{&wg});
        }
        wg.wait();
    }
    const t1 = try std.time.Instant.now();
    pool.deinit();
    if (@atomicLoad(usize, &count, .Monotonic) != n) return error.WrongCount;
    const tenths = t1.since(t0) * 10 / n;
    try std.io.getStdOut().writer().print("{d}.{d}\n", .{ tenths / 10, tenths % 10 });
}
