using Kami.Core.Errors;
using Kami.Packaging.Manifest;

namespace Kami.Packaging.Tests.Manifest;

/// <summary>[[prompts]] and [[resources]] in tool.toml: read whole, and refused at their line when malformed or unsafe.</summary>
public sealed class PackageContentParserTests
{
    private const string Head = """
        [tool]
        id = "dev.kami.docs"
        version = "1.0.0"
        wasm = "docs.wasm"
        [mcp]
        description = "docs"

        """;

    [Fact]
    public void Parse_PromptsAndResources_AreRead()
    {
        var manifest = ManifestParser.Parse(Head + """
            [[prompts]]
            name = "greet"
            description = "Greets"
            arguments = ["who"]
            resource_uri = "{who}"
            resource_text = "about {who}"
            text = "Hello, {who}!"

            [[resources]]
            uri = "docs://readme"
            name = "readme"
            mime_type = "text/markdown"
            text = "# Read me"

            [[resources]]
            uri = "docs://item/{id}"
            name = "item"
            mime_type = "application/json"
            text = '{"id":"{id}"}'
            """).GetManifestOrThrow();

        var prompt = Assert.Single(manifest.Prompts);
        Assert.Equal(["who"], prompt.Arguments);
        Assert.Equal(("{who}", "text/plain", "about {who}"), prompt.Resource);
        Assert.Equal(["docs://readme", "docs://item/{id}"], manifest.Resources.Select(r => r.Uri));
        Assert.True(manifest.Resources[1].IsTemplate);
    }

    [Theory]
    [InlineData("{\"type\":\"array\"}", "must be a JSON Schema for an object")]
    [InlineData("{not json", "is not JSON")]
    public void Parse_OutputSchemaThatIsNotAnObjectSchema_IsAnError(string schema, string expected)
    {
        var text = Head.Replace("description = \"docs\"", $"description = \"docs\"\noutput_schema = '{schema}'");

        var result = ManifestParser.Parse(text);

        Assert.Contains(result.Errors, e => e.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_OutputSchema_IsKept()
    {
        var text = Head.Replace("description = \"docs\"", "description = \"docs\"\noutput_schema = '{\"type\":\"object\"}'");

        Assert.Equal("{\"type\":\"object\"}", ManifestParser.Parse(text).GetManifestOrThrow().OutputSchema);
    }

    [Theory]
    [InlineData("[[resources]]\nuri = \"javascript:alert(1)\"\nname = \"x\"\nmime_type = \"text/plain\"\ntext = \"x\"\n", "javascript: scheme")]
    [InlineData("[[resources]]\nuri = \"file:///etc/passwd\"\nname = \"x\"\nmime_type = \"text/plain\"\ntext = \"x\"\n", "file: scheme")]
    [InlineData("[[resources]]\nuri = \"relative/path\"\nname = \"x\"\nmime_type = \"text/plain\"\ntext = \"x\"\n", "absolute URI")]
    [InlineData("[[resources]]\nuri = \"docs://a\"\nname = \"x\"\nmime_type = \"text/plain\"\ntext = \"x\"\nblob_base64 = \"eA==\"\n", "exactly one of")]
    [InlineData("[[resources]]\nuri = \"docs://a/{id}\"\nname = \"x\"\nmime_type = \"image/png\"\nblob_base64 = \"eA==\"\n", "substitutes into text")]
    [InlineData("[[resources]]\nuri = \"docs://a\"\nname = \"x\"\nmime_type = \"image/png\"\nblob_base64 = \"not base64!\"\n", "not valid base64")]
    [InlineData("[[resources]]\nuri = \"docs://a\"\nname = \"x\"\nmime_type = \"text/plain\"\ntext = \"x\"\n[[resources]]\nuri = \"docs://a\"\nname = \"y\"\nmime_type = \"text/plain\"\ntext = \"y\"\n", "declared twice")]
    [InlineData("[[prompts]]\nname = \"p\"\ntext = \"x\"\nimage_mime_type = \"image/svg+xml\"\nimage_base64 = \"eA==\"\n", "is not one of image/png")]
    [InlineData("[[prompts]]\nname = \"bad name!\"\ntext = \"x\"\n", "must be 1-64")]
    [InlineData("[[prompts]]\nname = \"p\"\ntext = \"x\"\nresource_uri = \"vbscript:x\"\nresource_text = \"x\"\n", "vbscript: scheme")]
    [InlineData("[[prompts]]\nname = \"p\"\ntext = \"x\"\nask_message = \"Which?\"\n", "go together")]
    [InlineData("[[prompts]]\nname = \"p\"\ntext = \"{a}\"\narguments = [\"a\"]\nask_message = \"Which?\"\nask_field = \"a\"\n", "not also an argument")]
    public void Parse_MalformedOrUnsafeContent_IsAnError(string toml, string expected)
    {
        var result = ManifestParser.Parse(Head + toml);

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Message.Contains(expected, StringComparison.Ordinal) && e.Line is not null);
    }
}
