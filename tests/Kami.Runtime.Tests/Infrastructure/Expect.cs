using Kami.Core.Errors;
using Kami.Runtime.Execution;

namespace Kami.Runtime.Tests.Infrastructure;

internal static class Expect
{
    /// <summary>
    /// The call failed with <paramref name="kind"/>, and its message is a plain sentence that names each of
    /// <paramref name="mentions"/> and carries none of Wasmtime's backtrace.
    /// </summary>
    public static string Failure(ExecutionResult result, ErrorKind kind, params string[] mentions)
    {
        Assert.False(result.Ok, $"expected {kind}, but the call succeeded with: {Truncate(result.Output)}");
        Assert.Equal(kind, result.ErrorKind);
        var error = Assert.IsType<string>(result.Error);
        Assert.Null(result.Output);
        foreach (var mention in mentions) Assert.Contains(mention, error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("backtrace", error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Caused by", error, StringComparison.Ordinal);
        Assert.DoesNotContain("wasm trap", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
        return error;
    }

    public static string Success(ExecutionResult result)
    {
        Assert.True(result.Ok, $"expected success, got {result.ErrorKind}: {result.Error}");
        return Assert.IsType<string>(result.Output);
    }

    private static string? Truncate(string? text) => text is { Length: > 200 } ? text[..200] + "…" : text;
}
