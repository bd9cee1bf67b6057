using System.Text.Json;
using Kami.Core.Security;
using Kami.Core.Tools;
using Kami.Mcp.Tools;

namespace Kami.Mcp.Tests;

/// <summary>
/// The quick check that lets valid calls skip full JSON Schema evaluation: it must never accept arguments the
/// schema refuses (a wrong yes would let bad input reach a guest), and must accept the plain valid calls.
/// </summary>
public sealed class ArgumentFastCheckTests
{
    private static ToolManifest Manifest(bool allowOthers) =>
        new(ToolId.Parse("test.args"), "args", ToolVersion.Parse("1.0.0"), "t.wasm", "",
            [
                new ToolArgument("text", ArgumentType.String, "", Required: true),
                new ToolArgument("count", ArgumentType.Integer, "", Required: false),
                new ToolArgument("ratio", ArgumentType.Number, "", Required: false),
                new ToolArgument("flag", ArgumentType.Boolean, "", Required: false),
                new ToolArgument("options", ArgumentType.Object, "", Required: false),
                new ToolArgument("items", ArgumentType.Array, "", Required: false),
            ], new SecurityPolicy()) { AllowsAdditionalArguments = allowOthers };

    public static TheoryData<string> Arguments() =>
    [
        """{"text":"x"}""", """{"text":""}""", """{"text":"x","count":3}""", """{"text":"x","count":-9007199254740993}""",
        """{"text":"x","count":2.0}""", """{"text":"x","count":2.5}""", """{"text":"x","count":1e400}""", """{"text":"x","count":"3"}""",
        """{"text":"x","ratio":0.25}""", """{"text":"x","ratio":7}""", """{"text":"x","ratio":"7"}""",
        """{"text":"x","flag":true}""", """{"text":"x","flag":false}""", """{"text":"x","flag":"true"}""", """{"text":"x","flag":0}""",
        """{"text":"x","options":{"a":[1]}}""", """{"text":"x","options":[]}""", """{"text":"x","items":[1,"a",null]}""", """{"text":"x","items":{}}""",
        """{"text":null}""", """{"text":1}""", """{"text":["x"]}""", """{}""", """{"count":1}""",
        """{"text":"x","other":1}""", """{"text":"x","TEXT":"y"}""", """{"text":"x","count":null}""",
    ];

    [Theory]
    [MemberData(nameof(Arguments))]
    public void NeverAcceptsWhatTheSchemaRefuses(string json)
    {
        foreach (var allowOthers in new[] { false, true })
        {
            var manifest = Manifest(allowOthers);
            var arguments = Dictionary(json);
            var schemaProblem = new ArgumentValidator(InputSchemaFactory.Create(manifest)).Validate(JsonDocument.Parse(json).RootElement);

            if (new ArgumentFastCheck(manifest).SurelyValid(arguments))
                Assert.True(schemaProblem is null, $"fast check accepted {json} (additional arguments {allowOthers}) but the schema says: {schemaProblem}");
        }
    }

    [Theory]
    [InlineData("""{"text":"x"}""")]
    [InlineData("""{"text":"x","count":3,"ratio":0.5,"flag":true,"options":{},"items":[]}""")]
    public void AcceptsPlainValidCalls(string json)
    {
        var arguments = Dictionary(json);
        Assert.True(new ArgumentFastCheck(Manifest(allowOthers: false)).SurelyValid(arguments));
    }

    // As the SDK hands them over: the call's arguments object as a dictionary of elements.
    private static Dictionary<string, JsonElement> Dictionary(string json) =>
        JsonDocument.Parse(json).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);

    [Fact]
    public void NoArguments_AcceptedOnlyWhenNothingIsRequired()
    {
        Assert.False(new ArgumentFastCheck(Manifest(allowOthers: false)).SurelyValid(null));
        var none = Manifest(allowOthers: false) with { Arguments = [] };
        Assert.True(new ArgumentFastCheck(none).SurelyValid(null));
    }
}
