using Kami.Core.Errors;
using Kami.Packaging.Manifest;

namespace Kami.Packaging.Tests.Manifest;

/// <summary>Value rules: names, host patterns, limits, wasm paths; and unknown keys as warnings.</summary>
public sealed class ManifestParserRuleTests
{
    private static ManifestParseResult WithSecurity(string line) => ManifestParser.Parse(Toml.Minimal + "[security]\n" + line + "\n");

    private static ManifestParseResult WithWasm(string wasm) =>
        ManifestParser.Parse(Toml.Minimal.Replace("wasm = \"echo.wasm\"", $"wasm = '{wasm}'", StringComparison.Ordinal));

    [Theory]
    [InlineData("1KEY")]
    [InlineData("MY-KEY")]
    [InlineData("A B")]
    [InlineData("")]
    [InlineData("KEY=1")]
    public void Parse_BadEnvName_ReportsEntry(string name)
    {
        var result = WithSecurity($"env_allow_list = [\"OK_KEY\", \"{name}\"]");
        var problem = Assert.Single(result.Errors);
        Assert.Equal("security.env_allow_list", problem.Field);
        Assert.Equal(10, problem.Line);
        Assert.Contains($"\"{name}\"", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://example.com")]
    [InlineData("example.com/path")]
    [InlineData("example.com:443")]
    [InlineData("*")]
    [InlineData("*example.com")]
    [InlineData("a.*.com")]
    [InlineData("-bad.com")]
    [InlineData("bad-.com")]
    [InlineData("exa mple.com")]
    [InlineData("")]
    public void Parse_BadHostPattern_Reported(string host)
    {
        var problem = Assert.Single(WithSecurity($"net_allow_list = [\"{host}\"]").Errors);
        Assert.Equal("security.net_allow_list", problem.Field);
    }

    [Fact]
    public void Parse_HostPatterns_LowercasedAndDeduplicated()
    {
        var result = WithSecurity("net_allow_list = [\"API.GitHub.com\", \"api.github.com\", \"*.Example.com\", \"localhost\", \"10.0.0.1\"]");
        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        Assert.Equal(["api.github.com", "*.example.com", "localhost", "10.0.0.1"], result.Manifest!.Security.NetAllowList);
    }

    [Fact]
    public void Parse_HostPatternEntryOnOwnLine_ReportsThatLine()
    {
        var result = WithSecurity("net_allow_list = [\n  \"ok.com\",\n  \"bad host\",\n]");
        Assert.Equal(12, Assert.Single(result.Errors).Line);
    }

    [Theory]
    [InlineData("max_memory_mb = 0")]
    [InlineData("max_memory_mb = -1")]
    [InlineData("max_memory_mb = 4097")]
    [InlineData("max_execution_ms = 0")]
    [InlineData("max_execution_ms = 600001")]
    [InlineData("max_fuel = 0")]
    [InlineData("max_fuel = -5")]
    public void Parse_LimitOutOfRange_ReportsRange(string line)
    {
        var problem = Assert.Single(WithSecurity(line).Errors);
        Assert.Equal("security." + line[..line.IndexOf(' ', StringComparison.Ordinal)], problem.Field);
        Assert.Contains("out of range", problem.Message, StringComparison.Ordinal);
        Assert.Equal(10, problem.Line);
    }

    [Theory]
    [InlineData("max_memory_mb = 4096")]
    [InlineData("max_execution_ms = 600000")]
    [InlineData("max_fuel = 9223372036854775807")]
    public void Parse_LimitAtMaximum_Accepted(string line) => Assert.True(WithSecurity(line).IsValid);

    [Fact]
    public void Parse_DuplicateArgumentNames_ReportsSecond()
    {
        var text = Toml.Minimal + "[[mcp.arguments]]\nname = \"a\"\ntype = \"string\"\n[[mcp.arguments]]\nname = \"a\"\ntype = \"number\"\n";
        var problem = Assert.Single(ManifestParser.Parse(text).Errors);
        Assert.Equal("mcp.arguments.name", problem.Field);
        Assert.Equal(13, problem.Line);
        Assert.Contains("declared twice", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bad name")]
    [InlineData("")]
    [InlineData("a/b")]
    public void Parse_BadArgumentName_Reported(string name)
    {
        var problem = Assert.Single(ManifestParser.Parse(Toml.Minimal + $"[[mcp.arguments]]\nname = \"{name}\"\ntype = \"string\"\n").Errors);
        Assert.Equal("mcp.arguments.name", problem.Field);
    }

    [Fact]
    public void Parse_ArgumentMissingType_Reported()
    {
        var problem = Assert.Single(ManifestParser.Parse(Toml.Minimal + "[[mcp.arguments]]\nname = \"a\"\n").Errors);
        Assert.Equal("mcp.arguments.type", problem.Field);
        Assert.Equal(9, problem.Line);
    }

    [Theory]
    [InlineData("/abs/echo.wasm")]
    [InlineData("../echo.wasm")]
    [InlineData("sub/../../echo.wasm")]
    [InlineData("sub//echo.wasm")]
    [InlineData("..\\echo.wasm")]
    [InlineData("\\abs\\echo.wasm")]
    [InlineData("")]
    [InlineData("echo.txt")]
    public void Parse_WasmPathOutsidePackageOrNotWasm_Reported(string wasm)
    {
        var problem = Assert.Single(WithWasm(wasm).Errors);
        Assert.Equal("tool.wasm", problem.Field);
        Assert.Equal(5, problem.Line);
    }

    [Theory]
    [InlineData("target/wasm32-wasip2/release/echo.wasm", "target/wasm32-wasip2/release/echo.wasm")]
    [InlineData("dist\\echo.wasm", "dist/echo.wasm")]
    [InlineData("ECHO.WASM", "ECHO.WASM")]
    public void Parse_RelativeWasmPath_Normalized(string wasm, string expected)
    {
        var result = WithWasm(wasm);
        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        Assert.Equal(expected, result.Manifest!.WasmPath);
    }

    [Fact]
    public void Parse_UnknownKeysAndTables_WarningsWithLine()
    {
        var text = "stray = 1\n" + Toml.Minimal.Replace("wasm = \"echo.wasm\"", "wasm = \"echo.wasm\"\nauthor = \"me\"", StringComparison.Ordinal)
            + "[build]\ncommand = \"make\"\n[security]\nmax_cpu = 3\n";
        var result = ManifestParser.Parse(text);

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        var warnings = result.Warnings.ToDictionary(w => w.Field!, w => w.Line);
        Assert.Equal(1, warnings["stray"]);
        Assert.Equal(7, warnings["tool.author"]);
        Assert.Equal(11, warnings["build"]);
        Assert.Equal(14, warnings["security.max_cpu"]);
        Assert.Equal(4, warnings.Count);
        Assert.All(result.Warnings, w => Assert.Equal(ProblemSeverity.Warning, w.Severity));
    }

    [Fact]
    public void Parse_NoDescription_Warning()
    {
        var result = ManifestParser.Parse(Toml.Minimal.Replace("description = \"Echoes\"\n", "", StringComparison.Ordinal));
        Assert.True(result.IsValid);
        Assert.Equal("mcp.description", Assert.Single(result.Warnings).Field);
        Assert.Equal("", result.Manifest!.Description);
    }

    [Fact]
    public void Parse_TooLarge_Rejected()
    {
        var text = Toml.Minimal + "# " + new string('x', ManifestParser.MaxManifestBytes) + "\n";
        Assert.False(ManifestParser.Parse(text).IsValid);
    }
}
