using System.Text.Json;
using Kami.Mcp.Tools;

namespace Kami.Mcp.Tests;

/// <summary>The messages a model sees for bad arguments (in-process; the end-to-end tests check they reach the client).</summary>
public sealed class ArgumentValidatorTests
{
    private static readonly ArgumentValidator Validator = new(JsonDocument.Parse("""
        {"type":"object","properties":{"text":{"type":"string"},"count":{"type":"integer"}},"required":["text"],"additionalProperties":false}
        """).RootElement);

    [Theory]
    [InlineData("""{"text":"x"}""", null)]
    [InlineData("""{"text":"x","count":3}""", null)]
    [InlineData("""{}""", "missing required argument 'text'")]
    [InlineData("""{"text":1}""", "argument 'text' must be a string, not a number")]
    [InlineData("""{"text":"x","count":"3"}""", "argument 'count' must be an integer, not a string")]
    [InlineData("""{"text":"x","txet":"y"}""", "unknown argument 'txet'; this tool accepts 'text', 'count'")]
    [InlineData("""[]""", "the arguments must be a JSON object")]
    public void Validate_InvalidArguments_DescribesEachProblem(string arguments, string? expected)
    {
        var problem = Validator.Validate(JsonDocument.Parse(arguments).RootElement);
        if (expected is null) Assert.Null(problem);
        else Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEveryOneAtOnce()
    {
        var problem = Validator.Validate(JsonDocument.Parse("""{"txet":"y"}""").RootElement);
        Assert.Contains("missing required argument 'text'", problem, StringComparison.Ordinal);
        Assert.Contains("unknown argument 'txet'", problem, StringComparison.Ordinal);
    }
}
