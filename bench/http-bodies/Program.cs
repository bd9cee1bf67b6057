using System.Diagnostics;
using System.Globalization;
using Kami.Bench.HttpBodies;
using Kami.Core.Security;
using Kami.Core.Security.Network;
using Kami.Runtime.Contracts;
using Kami.Runtime.Execution;
using Kami.Runtime.Http;

// What a response body costs end to end: the http_fetch C guest (tests/fixtures/guests) fetches from a loopback
// server in another process, through ToolRuntime as kami serve/exec run it, as text (valid UTF-8) and as bytes.
// The binary bound is raised to 4 MiB here (the default is 1 MiB) to measure what it protects.
// Usage: dotnet run -c Release --project bench/http-bodies [-- ROUNDS]   (prints a Markdown table)
if (args is ["serve"]) return await BodyServer.RunAsync();

var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 7;
var root = FindRoot();
var self = Environment.ProcessPath!;
var info = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
if (Path.GetFileNameWithoutExtension(self) == "dotnet") info.ArgumentList.Add(typeof(BodyServer).Assembly.Location);
info.ArgumentList.Add("serve");
using var server = Process.Start(info)!;
var port = int.Parse(server.StandardOutput.ReadLine()!, CultureInfo.InvariantCulture);

using var runtime = new ToolRuntime(new RuntimeOptions
{
    MaxConcurrency = 1,
    Http = new HttpLimits
    {
        AllowPrivate = PrivateNetworkAllowance.Parse(["127.0.0.0/8"]),
        MaxBinaryResponseBytes = 4 << 20,
    },
});
var wasm = Path.Combine(root, "tests", "fixtures", "guests", "http_fetch.wasm");
var policy = SecurityPolicy.DenyAll with { NetAllowList = ["127.0.0.1"], MaxExecutionMs = 60_000 };
using var plain = new HttpClient();

Console.WriteLine($"| body | as | kami call, median (min–max) | of which the guest call | host allocation per call | plain HttpClient GET | ");
Console.WriteLine("|---|---|---|---|---|---|");
foreach (var size in new[] { 64 << 10, 1 << 20, 4 << 20 })
{
    foreach (var kind in new[] { "text", "bytes" })
    {
        var url = $"http://127.0.0.1:{port}/{kind}/{size}";
        var input = $"{{\"url\":\"{url}\"}}";
        var request = new ExecutionRequest("bench.http-fetch", wasm, policy, input);
        var walls = new List<double>();
        var calls = new List<double>();
        var allocations = new List<long>();
        var http = new List<double>();
        for (var round = -2; round < rounds; round++) // two warm-up rounds
        {
            GC.Collect();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            var result = await runtime.ExecuteAsync(request);
            var wall = clock.Elapsed.TotalMilliseconds;
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            if (!result.Ok || result.Output?.Contains($"kind={kind} len={size} ", StringComparison.Ordinal) != true)
                throw new InvalidOperationException($"{url}: {result.Error ?? result.Output}");
            clock.Restart();
            var got = await plain.GetByteArrayAsync(new Uri(url));
            var direct = clock.Elapsed.TotalMilliseconds;
            if (round < 0) continue;
            walls.Add(wall);
            calls.Add(result.Metrics.Duration.TotalMilliseconds);
            allocations.Add(allocated);
            http.Add(direct);
        }
        Console.WriteLine($"| {Size(size)} | {kind} | {Median(walls):F1} ms ({walls.Min():F1}–{walls.Max():F1}) | {Median(calls):F1} ms | {allocations.Order().ElementAt(allocations.Count / 2) / 1048576.0:F1} MiB | {Median(http):F1} ms |");
    }
}
server.StandardInput.Close();
await server.WaitForExitAsync();
Console.WriteLine();
Console.WriteLine($"{rounds} rounds after 2 warm-up rounds; {Environment.ProcessorCount} CPUs, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd}");
return 0;

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

static string Size(int bytes) => bytes >= 1 << 20 ? $"{bytes >> 20} MiB" : $"{bytes >> 10} KiB";

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Kami.slnx"))) return dir.FullName;
    throw new InvalidOperationException("cannot find the repository root (Kami.slnx)");
}
