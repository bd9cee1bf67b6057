using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kami.Mcp.Tests.Infrastructure;
using Kami.TestCommon;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Kami.Mcp.Tests;

/// <summary>kami dev: serve a package, rebuild on change, swap the new build in, keep the last good one on a failed build.</summary>
public sealed partial class DevCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Dev_SourceChanges_RebuildsSwapsInAndKeepsLastGoodBuildOnError()
    {
        var package = _dir.Combine("devtool");
        var init = await KamiCli.RunAsync(["init", "devtool", "--lang", "c", "--dir", package]);
        Assert.True(init.ExitCode == 0, init.ToString());
        await using var dev = DevProcess.Start(package);
        var url = new Uri(ServingLine().Match(await dev.WaitForLineAsync(l => ServingLine().IsMatch(l))).Groups[1].Value);
        await dev.WaitForLineAsync(l => l.Contains("watching", StringComparison.Ordinal));

        var notifications = new Notifications();
        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = url, TransportMode = HttpTransportMode.StreamableHttp,
        }), notifications.Options);
        Assert.Equal("Hello, Ada!", await GreetAsync(client, dev));
        // Each call is shown with its input, output and fuel.
        await dev.WaitForLineAsync(l => l.StartsWith("call local.devtool (", StringComparison.Ordinal) && l.Contains(" fuel)", StringComparison.Ordinal));
        await dev.WaitForLineAsync(l => l == "  input  {\"name\":\"Ada\"}");
        await dev.WaitForLineAsync(l => l == "  ok   {\"greeting\":\"Hello, Ada!\"}");

        var source = Path.Combine(package, "tool.c");
        File.WriteAllText(source, File.ReadAllText(source).Replace("Hello, ", "Howdy, ", StringComparison.Ordinal));
        await notifications.WaitAsync(NotificationMethods.ToolListChangedNotification);
        Assert.Equal("Howdy, Ada!", await GreetAsync(client, dev));

        File.AppendAllText(source, "\nint broken(void) { return nope; }\n");
        await dev.WaitForLineAsync(l => l.Contains("tool.c:", StringComparison.Ordinal) && l.Contains("error: use of undeclared identifier 'nope'", StringComparison.Ordinal));
        await dev.WaitForLineAsync(l => l.Contains("the last good build (if any) is still served", StringComparison.Ordinal));
        Assert.Equal("Howdy, Ada!", await GreetAsync(client, dev));
    }

    private static async Task<string?> GreetAsync(McpClient client, DevProcess dev)
    {
        var result = await client.CallToolAsync("local.devtool", new Dictionary<string, object?> { ["name"] = "Ada" });
        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        Assert.True(result.IsError != true, $"{text}\nkami dev printed:\n{dev.Output}");
        return JsonDocument.Parse(text).RootElement.GetProperty("greeting").GetString();
    }

    [GeneratedRegex(@"serving MCP at (http://\S+)")]
    private static partial Regex ServingLine();

    /// <summary>A running <c>kami dev --http 127.0.0.1:0 --no-auth</c> whose stderr lines a test can wait for.</summary>
    private sealed class DevProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly List<string> _lines = [];
        private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Done)> _waiters = [];

        private DevProcess(Process process) => _process = process;

        public static DevProcess Start(string package)
        {
            var process = Process.Start(KamiCli.StartInfo(["dev", package, "--http", "127.0.0.1:0", "--no-auth"])) ?? throw new InvalidOperationException($"cannot start {KamiCli.FileName}");
            var dev = new DevProcess(process);
            process.StandardInput.Close();
            process.ErrorDataReceived += (_, e) => dev.OnLine(e.Data);
            process.OutputDataReceived += (_, e) => dev.OnLine(e.Data);
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            return dev;
        }

        private void OnLine(string? line)
        {
            if (line is null) return;
            lock (_lines)
            {
                _lines.Add(line);
                foreach (var w in _waiters.Where(w => w.Match(line)).ToList())
                {
                    _waiters.Remove(w);
                    w.Done.TrySetResult(line);
                }
            }
        }

        public async Task<string> WaitForLineAsync(Func<string, bool> match)
        {
            var done = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_lines)
            {
                if (_lines.FirstOrDefault(match) is { } seen) return seen;
                _waiters.Add((match, done));
            }
            try
            {
                return await done.Task.WaitAsync(TimeSpan.FromSeconds(60));
            }
            catch (TimeoutException)
            {
                throw new TimeoutException("kami dev did not print the expected line; it printed:\n" + Output);
            }
        }

        /// <summary>Everything printed so far, for a failure message.</summary>
        public string Output
        {
            get { lock (_lines) return string.Join('\n', _lines); }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (!_process.HasExited) _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (InvalidOperationException) { }
            catch (TimeoutException) { }
            _process.Dispose();
        }
    }
}
