using System.Text.Json;
using Kami.EndToEnd.Tests.Infrastructure;
using Kami.TestCommon;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Kami.EndToEnd.Tests;

/// <summary>
/// The examples/ shelf, as a user gets it: each is built from source (JS/TS components are not committed), passes
/// its own test/cases.json, installs, and answers through kami serve.
/// </summary>
public sealed class ExamplesServeTests : IDisposable
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(3);
    private static readonly string[] Examples = ["hash", "notes", "json-query", "text-transform", "unit-convert"];
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Examples_BuildPassTheirTestsInstall_AndAnswerThroughServe()
    {
        using var home = new KamiHome();
        foreach (var example in Examples)
        {
            // A copy: building writes the .wasm next to tool.toml, and the checkout must stay clean.
            var package = _dir.Combine(example);
            CopyDirectory(RepoPaths.Example(example), package);
            await Ok(["build", package]);
            var test = await Ok(["test", package]);
            Assert.Contains(" passed, 0 failed", test.Stdout, StringComparison.Ordinal);
            await Ok(["install", package, "--yes", "--home", home.Path]);
        }

        await using var served = new StdioServedKami(home, [], null);
        var client = await served.ConnectAsync();
        var names = (await client.ListToolsAsync()).Select(t => t.Name).ToList();
        foreach (var example in Examples) Assert.Contains("dev.kami." + example, names);

        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            (await CallAsync(client, "dev.kami.hash", new() { ["text"] = "abc", ["op"] = "sha256" })).GetProperty("result").GetString());
        Assert.Equal("x", (await CallAsync(client, "dev.kami.json-query", new() { ["json"] = "{\"a\":[\"x\"]}", ["path"] = "a[0]" })).GetProperty("value").GetString());
        Assert.Equal("hello-world", (await CallAsync(client, "dev.kami.text-transform", new() { ["text"] = "Hello, World", ["op"] = "kebab" })).GetProperty("result").GetString());
        Assert.Equal(100, (await CallAsync(client, "dev.kami.unit-convert", new() { ["value"] = 1, ["from"] = "m", ["to"] = "cm" })).GetProperty("value").GetDouble());

        // The notes tool keeps its notes in its own data directory, from one call to the next.
        await CallAsync(client, "dev.kami.notes", new() { ["action"] = "add", ["text"] = "remember the milk" });
        var notes = await CallAsync(client, "dev.kami.notes", new() { ["action"] = "list" });
        Assert.Equal(["remember the milk"], notes.GetProperty("notes").EnumerateArray().Select(n => n.GetString()));
    }

    private static async Task<JsonElement> CallAsync(McpClient client, string tool, Dictionary<string, object?> args)
    {
        var result = await client.CallToolAsync(tool, args);
        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        Assert.True(result.IsError != true, $"{tool}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<CliResult> Ok(string[] args)
    {
        var result = await KamiCli.RunAsync(args, timeout: BuildTimeout);
        Assert.True(result.ExitCode == 0, $"kami {string.Join(' ', args)} failed: {result}");
        return result;
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            if (file.EndsWith(".wasm", StringComparison.Ordinal)) continue;
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
