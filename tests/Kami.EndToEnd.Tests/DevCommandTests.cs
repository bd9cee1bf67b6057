using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kami.EndToEnd.Tests.Infrastructure;
using Kami.TestCommon;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Kami.EndToEnd.Tests;

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
        private readonly OutputLines _lines = new();

        private DevProcess(Process process) => _process = process;

        public static DevProcess Start(string package)
        {
            var process = Process.Start(KamiCli.StartInfo(["dev", package, "--http", "127.0.0.1:0", "--no-auth"])) ?? throw new InvalidOperationException($"cannot start {KamiCli.FileName}");
            var dev = new DevProcess(process);
            process.StandardInput.Close();
            process.ErrorDataReceived += (_, e) => dev._lines.Add(e.Data);
            process.OutputDataReceived += (_, e) => dev._lines.Add(e.Data);
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            return dev;
        }

        public Task<string> WaitForLineAsync(Func<string, bool> match) => _lines.WaitForAsync(match, "kami dev");

        /// <summary>Everything printed so far, for a failure message.</summary>
        public string Output => _lines.Text;

        public async ValueTask DisposeAsync() => await ProcessEnd.KillAsync(_process);
    }
}
