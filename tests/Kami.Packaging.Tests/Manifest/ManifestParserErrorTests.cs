using Kami.Core.Errors;
using Kami.Packaging.Manifest;

namespace Kami.Packaging.Tests.Manifest;

public sealed class ManifestParserErrorTests
{
    private static ManifestProblem SingleError(ManifestParseResult result)
    {
        Assert.False(result.IsValid);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void Parse_FsAccessNotAllowed_ReportsFieldAndLine()
    {
        var text = """
            [tool]
            id = "dev.kami.echo"
            version = "1.0.0"
            wasm = "echo.wasm"
            [mcp]
            [security]
            fs_access = "rw"
            """;
        var problem = SingleError(ManifestParser.Parse(text));
        Assert.Equal("tool.toml:7: security.fs_access = \"rw\" is not one of none, read-only, sandbox", problem.ToString());
        Assert.Equal("security.fs_access", problem.Field);
        Assert.Equal(7, problem.Line);
    }

    [Fact]
    public void Parse_MissingToolTable_Reported()
    {
        var problem = SingleError(ManifestParser.Parse("[mcp]\ndescription = \"x\"\n"));
        Assert.Equal("tool", problem.Field);
        Assert.Contains("[tool]", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingMcpTable_Reported()
    {
        var text = Toml.Minimal[..Toml.Minimal.IndexOf("[mcp]", StringComparison.Ordinal)];
        var problem = SingleError(ManifestParser.Parse(text));
        Assert.Equal("mcp", problem.Field);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("version")]
    [InlineData("wasm")]
    public void Parse_MissingRequiredToolKey_ReportsKeyAtTableLine(string key)
    {
        var lines = Toml.Minimal.Split('\n').Where(l => !l.StartsWith(key + " ", StringComparison.Ordinal));
        var problem = SingleError(ManifestParser.Parse(string.Join('\n', lines)));
        Assert.Equal("tool." + key, problem.Field);
        Assert.Equal(1, problem.Line);
        Assert.Contains("missing required key " + key, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id = 42", "tool.id", "must be a string; found an integer 42")]
    [InlineData("version = 1.0", "tool.version", "must be a string; found a float")]
    [InlineData("wasm = [\"a.wasm\"]", "tool.wasm", "must be a string; found an array")]
    public void Parse_WrongTypeInTool_ReportsExpectedAndFound(string line, string field, string message)
    {
        var key = line[..line.IndexOf(' ', StringComparison.Ordinal)];
        var lines = Toml.Minimal.Split('\n').Select(l => l.StartsWith(key + " ", StringComparison.Ordinal) ? line : l).ToList();
        var problem = SingleError(ManifestParser.Parse(string.Join('\n', lines)));
        Assert.Equal(field, problem.Field);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.Equal(lines.IndexOf(line) + 1, problem.Line);
    }

    [Theory]
    [InlineData("max_memory_mb = \"64\"", "security.max_memory_mb", "must be an integer")]
    [InlineData("net_allow_list = \"api.github.com\"", "security.net_allow_list", "must be an array of strings")]
    [InlineData("net_allow_list = [\"a.com\", 3]", "security.net_allow_list", "must hold only strings; found an integer 3")]
    [InlineData("fs_access = true", "security.fs_access", "must be a string; found a boolean")]
    public void Parse_WrongTypeInSecurity_ReportsLine(string line, string field, string message)
    {
        var problem = SingleError(ManifestParser.Parse(Toml.Minimal + "[security]\n" + line + "\n"));
        Assert.Equal(field, problem.Field);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.Equal(10, problem.Line);
    }

    [Fact]
    public void Parse_RequiredNotBoolean_Reported()
    {
        var problem = SingleError(ManifestParser.Parse(Toml.Minimal + "[[mcp.arguments]]\nname = \"a\"\ntype = \"string\"\nrequired = \"yes\"\n"));
        Assert.Equal("mcp.arguments.required", problem.Field);
        Assert.Equal(12, problem.Line);
    }

    [Fact]
    public void Parse_InvalidToml_LocatedError()
    {
        var result = ManifestParser.Parse("[tool]\nid = \"dev.kami.echo\"\nversion = \n");
        Assert.False(result.IsValid);
        Assert.NotEmpty(result.Errors);
        Assert.All(result.Errors, p => Assert.StartsWith("invalid TOML", p.Message, StringComparison.Ordinal));
        Assert.Contains(result.Errors, p => p.Line == 3);
    }

    [Fact]
    public void Parse_UnterminatedString_LocatedError()
    {
        var result = ManifestParser.Parse("[tool]\nid = \"dev.kami.echo\nversion = \"1.0.0\"\n");
        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, p => p.Line == 2);
    }

    [Fact]
    public void Parse_SeveralErrors_AllReportedAtOnce()
    {
        var text = """
            [tool]
            id = "nodot"
            version = "1.0"
            wasm = "../escape.wasm"
            [mcp]
            [[mcp.arguments]]
            name = "x"
            type = "str"
            [security]
            fs_access = "rw"
            max_memory_mb = 0
            env_allow_list = ["1BAD"]
            net_allow_list = ["http://x.com"]
            """;
        var errors = ManifestParser.Parse(text).Errors.ToList();
        Assert.Equal(
            new[] { "tool.id", "tool.version", "tool.wasm", "mcp.arguments.type", "security.net_allow_list", "security.fs_access", "security.env_allow_list", "security.max_memory_mb" }.Order(),
            errors.Select(e => e.Field!).Order());
        Assert.Equal(new int?[] { 2, 3, 4, 8, 10, 11, 12, 13 }, errors.Select(e => e.Line).Order());
    }
}
