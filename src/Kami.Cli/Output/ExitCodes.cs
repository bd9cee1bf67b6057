using Kami.Core.Errors;
using Kami.Runtime.Contracts;

namespace Kami.Cli.Output;

/// <summary>kami's exit codes (documented in the README), and the one rule that picks one for an error.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>Bad input, a refused or failing tool, a tool that does not exist: something the user can fix.</summary>
    public const int UserError = 1;
    /// <summary>A bug or a broken environment (registry unreadable, unexpected exception).</summary>
    public const int InternalError = 2;

    /// <summary>The exit code of a command that failed with <paramref name="kind"/>, whether it threw or a tool call returned it.</summary>
    public static int For(ErrorKind kind) => kind.IsUserError() ? UserError : InternalError;

    /// <summary>The exit code of <c>kami run</c> and <c>kami exec</c>: the call's outcome by the same rule as a thrown error.</summary>
    public static int For(ExecutionResult result) => result is ExecutionResult.Failed failed ? For(failed.Error.Kind) : Ok;
}
