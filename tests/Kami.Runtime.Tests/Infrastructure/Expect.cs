using Kami.Core.Errors;
using Kami.Runtime.Contracts;

namespace Kami.Runtime.Tests.Infrastructure;

internal static class Expect
{
    /// <summary>
    /// The call failed with <paramref name="kind"/>, and its message is a plain sentence that names each of
    /// <paramref name="mentions"/> and carries none of Wasmtime's backtrace.
    /// </summary>
    public static string Failure(ExecutionResult result, ErrorKind kind, params string[] mentions)
    {
        var failure = Error(result);
        Assert.Equal(kind, failure.Kind);
        var error = failure.Message;
        foreach (var mention in mentions) Assert.Contains(mention, error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("backtrace", error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Caused by", error, StringComparison.Ordinal);
        Assert.DoesNotContain("wasm trap", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
        return error;
    }

    public static string Success(ExecutionResult result)
    {
        Assert.True(result is ExecutionResult.Succeeded, result is ExecutionResult.Failed f ? $"expected success, got {f.Error.Kind}: {f.Error.Message}" : "");
        return ((ExecutionResult.Succeeded)result).Output;
    }

    /// <summary>The call failed; its error.</summary>
    public static ExecutionError Error(ExecutionResult result)
    {
        Assert.True(result is ExecutionResult.Failed, result is ExecutionResult.Succeeded ok ? $"expected a failure, but the call succeeded with: {Truncate(ok.Output)}" : "");
        return ((ExecutionResult.Failed)result).Error;
    }

    private static string Truncate(string text) => text is { Length: > 200 } ? text[..200] + "…" : text;
}
