using Kami.Cli.Output;
using Kami.Core.Errors;
using Kami.Mcp.Tools;
using Kami.Runtime.Contracts;
using ModelContextProtocol.Protocol;

namespace Kami.Cli.Tests;

/// <summary>
/// Code health, errors as values: one call's outcome reads the same everywhere it is reported. The MCP result, the
/// audit and metrics outcome and the CLI exit code each come from the one <see cref="ExecutionResult"/> by one rule,
/// and a failed call exits as an error of the same kind thrown by any command would.
/// </summary>
public sealed class OutcomeMappingTests
{
    public static TheoryData<ErrorKind> Kinds => new(Enum.GetValues<ErrorKind>());

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Failure_EveryKind_McpAuditAndExitCodeAgree(ErrorKind kind)
    {
        var error = kind == ErrorKind.LimitExceeded
            ? ExecutionError.LimitExceeded(ResourceLimit.Fuel, "1,000", "it failed")
            : ExecutionError.Of(kind, "it failed");
        var result = ExecutionResult.Failure(error, ExecutionMetrics.Empty);

        var mcp = CallResults.ToCallToolResult(result);

        Assert.True(mcp.IsError);
        Assert.Equal("it failed", Assert.IsType<TextContentBlock>(Assert.Single(mcp.Content)).Text);
        Assert.Equal(kind.ToString(), CallResults.OutcomeOf(result));
        Assert.Equal(error, CallResults.ErrorOf(result));
        Assert.Equal(ExitCodes.For(kind), ExitCodes.For(result));
        Assert.Equal(error.IsUserError ? ExitCodes.UserError : ExitCodes.InternalError, ExitCodes.For(result));
    }

    [Fact]
    public void Success_McpAuditAndExitCodeAgree()
    {
        var result = ExecutionResult.Success("{\"a\":1}", ExecutionMetrics.Empty);

        var mcp = CallResults.ToCallToolResult(result);

        Assert.NotEqual(true, mcp.IsError);
        Assert.NotNull(mcp.StructuredContent);
        Assert.Equal(CallResults.Ok, CallResults.OutcomeOf(result));
        Assert.Null(CallResults.ErrorOf(result));
        Assert.Equal(ExitCodes.Ok, ExitCodes.For(result));
    }

    [Fact]
    public void LimitError_WithoutItsLimit_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => ExecutionError.Of(ErrorKind.LimitExceeded, "which one?"));
    }
}
