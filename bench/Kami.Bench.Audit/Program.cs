using System.Globalization;
using Kami.Bench.Audit;

// One mode per process: `--store sqlite|postgres --mode none|queued|durable|append [--calls N] [--clients C] [--db URI]`.
// Prints one line: store, mode, clients, p50 µs, p99 µs, calls per second. bench/audit-cost.sh runs the grid.
string Arg(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
var store = Arg("--store", "sqlite");
var mode = Arg("--mode", "durable");
var calls = int.Parse(Arg("--calls", "2000"), CultureInfo.InvariantCulture);
var clients = int.Parse(Arg("--clients", "1"), CultureInfo.InvariantCulture);
if (mode == "append")
{
    // The store's own cost of one record in its own transaction, as the durable writer pays it for a lone caller.
    var (p50, p99, rate) = AppendCost.Run(store, calls, Arg("--db", ""));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{store} append 1 {p50:F0} {p99:F0} {rate:F0}"));
    return;
}
var r = await AuditCost.RunAsync(store, mode, calls, clients, Arg("--db", ""));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{store} {mode} {clients} {r.P50:F0} {r.P99:F0} {r.CallsPerSecond:F0}"));
