using Kami.Core.Errors;
using Kami.Core.Security;
using Kami.Core.Tools;
using Kami.Packaging.Manifest;

namespace Kami.Packaging.Tests.Manifest;

public sealed class ManifestParserTests
{
    // The example from docs/compatibility.md (the Rust KAMI's own), verbatim.
    private const string CompatExample = """
        [tool]
        id = "dev.example.fetch-url"      # reverse-domain notation (the Rust loader only required a dot)
        name = "fetch-url"
        version = "1.0.0"                 # semantic version
        wasm = "fetch_url.wasm"           # path relative to the package root

        [mcp]
        description = "Fetches content from a URL"

        [[mcp.arguments]]                 # zero or more; they become the MCP inputSchema
        name = "url"
        type = "string"                   # string | number | integer | boolean | object | array
        description = "The URL to fetch"
        required = true                   # default false

        [security]                        # every field optional; the default is deny-all
        net_allow_list = ["*.example.com", "api.github.com"]  # exact host or '*.' suffix wildcard
        fs_access = "none"                # none | read-only | sandbox
        env_allow_list = ["API_KEY"]      # names of host environment variables the tool may read
        max_memory_mb = 64                # Rust default 64
        max_execution_ms = 5000           # Rust default 5000
        max_fuel = 1000000                # Rust default 1,000,000 (too low for JS guests; see below)
        """;

    [Fact]
    public void Parse_CompatExample_AllFieldsRead()
    {
        var result = ManifestParser.Parse(CompatExample);

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        Assert.Empty(result.Problems);
        var m = result.Manifest!;
        Assert.Equal(ToolId.Parse("dev.example.fetch-url"), m.Id);
        Assert.Equal("fetch-url", m.Name);
        Assert.Equal(ToolVersion.Parse("1.0.0"), m.Version);
        Assert.Equal("fetch_url.wasm", m.WasmPath);
        Assert.Equal("Fetches content from a URL", m.Description);
        var arg = Assert.Single(m.Arguments);
        Assert.Equal(new ToolArgument("url", ArgumentType.String, "The URL to fetch", true), arg);
        Assert.Equal(["*.example.com", "api.github.com"], m.Security.NetAllowList);
        Assert.Equal(FsAccess.None, m.Security.FsAccess);
        Assert.Equal(["API_KEY"], m.Security.EnvAllowList);
        Assert.Equal(64, m.Security.MaxMemoryMb);
        Assert.Equal(5000, m.Security.MaxExecutionMs);
        Assert.Equal(1_000_000ul, m.Security.MaxFuel);
        Assert.False(m.AllowsAdditionalArguments);
    }

    [Fact]
    public void Parse_EchoExample_Valid()
    {
        var result = ManifestParser.Parse(File.ReadAllText(Path.Combine(Kami.TestCommon.RepoPaths.Example("echo"), "tool.toml")));
        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        Assert.Equal("dev.kami.echo", result.Manifest!.Id.Value);
    }

    [Fact]
    public void Parse_NoSecurityTable_DenyAllDefaults()
    {
        var result = ManifestParser.Parse(Toml.Minimal);
        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        Assert.Equal(SecurityPolicy.DenyAll, result.Manifest!.Security);
        Assert.Empty(result.Manifest.Arguments);
    }

    [Fact]
    public void Parse_NameOmitted_LastIdSegment()
    {
        var result = ManifestParser.Parse(Toml.Minimal.Replace("name = \"echo\"\n", "", StringComparison.Ordinal));
        Assert.Equal("echo", result.Manifest!.Name);
    }

    [Fact]
    public void Parse_AllArgumentTypesAndAdditionalArguments_Read()
    {
        var text = Toml.Minimal.Replace("[mcp]\n", "[mcp]\nadditional_arguments = true\n", StringComparison.Ordinal)
            + string.Concat(ArgumentTypes.Names.Select(t => $"\n[[mcp.arguments]]\nname = \"a_{t}\"\ntype = \"{t}\"\n"));
        var result = ManifestParser.Parse(text);
        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        Assert.True(result.Manifest!.AllowsAdditionalArguments);
        Assert.Equal(Enum.GetValues<ArgumentType>(), result.Manifest.Arguments.Select(a => a.Type));
        Assert.All(result.Manifest.Arguments, a => Assert.False(a.Required));
    }

    [Fact]
    public void GetManifestOrThrow_Invalid_ThrowsWithProblems()
    {
        var result = ManifestParser.Parse("[tool]\n");
        var e = Assert.Throws<ManifestInvalidException>(result.GetManifestOrThrow);
        Assert.Equal(result.Problems, e.Problems);
    }
}
