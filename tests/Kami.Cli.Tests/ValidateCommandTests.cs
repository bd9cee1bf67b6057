using System.Text.Json;
using Kami.TestCommon;

namespace Kami.Cli.Tests;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Validate_EchoExample_Ok()
    {
        var result = (await _cli.RunAsync("validate", RepoPaths.Example("echo"))).Ok();
        Assert.Contains("ok: dev.kami.echo 1.0.0", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_BadPackage_ListsEveryProblemWithFileAndLine()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_cli.Scratch, "bad")).FullName;
        File.WriteAllText(Path.Combine(dir, "tool.toml"), """
            [tool]
            id = "nodot"
            version = "1.0"
            wasm = "echo.wasm"
            colour = "blue"
            [mcp]
            description = "bad"
            [security]
            fs_access = "rw"
            max_memory_mb = 0
            """);

        var result = await _cli.RunAsync("validate", dir);

        Assert.Equal(1, result.ExitCode);
        result.NoStackTrace();
        Assert.Contains("tool.toml:2: tool id 'nodot'", result.Err, StringComparison.Ordinal);
        Assert.Contains("tool.toml:3: tool.version", result.Err, StringComparison.Ordinal);
        Assert.Contains("tool.toml:9: security.fs_access = \"rw\" is not one of none, read-only, sandbox", result.Err, StringComparison.Ordinal);
        Assert.Contains("tool.toml:10: security.max_memory_mb = 0 is out of range", result.Err, StringComparison.Ordinal);
        Assert.Contains("tool.toml:5: warning: unknown key tool.colour", result.Out, StringComparison.Ordinal);
        Assert.Contains("invalid: 4 error(s)", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_BadPackageJson_ProblemsAsData()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_cli.Scratch, "bad")).FullName;
        File.WriteAllText(Path.Combine(dir, "tool.toml"), "[tool]\nid = \"dev.kami.x\"\n");

        var result = await _cli.RunAsync("validate", dir, "--json");

        Assert.Equal(1, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Out);
        Assert.False(doc.RootElement.GetProperty("valid").GetBoolean());
        var problems = doc.RootElement.GetProperty("problems").EnumerateArray().ToList();
        Assert.Contains(problems, p => p.GetProperty("field").GetString() == "tool.version" && p.GetProperty("line").GetInt32() == 1);
        Assert.Contains(problems, p => p.GetProperty("field").GetString() == "mcp");
    }

    [Fact]
    public async Task Validate_CoreModule_ExitsOne()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_cli.Scratch, "core")).FullName;
        File.Copy(Path.Combine(RepoPaths.Example("echo"), "tool.toml"), Path.Combine(dir, "tool.toml"));
        File.WriteAllBytes(Path.Combine(dir, "echo.wasm"), [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
        var result = await _cli.RunAsync("validate", dir);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("core WebAssembly module", result.Err, StringComparison.Ordinal);
    }
}
