namespace Kami.Cli.Output;

/// <summary>kami's exit codes (documented in the README).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>Bad input, a refused or failing tool, a tool that does not exist: something the user can fix.</summary>
    public const int UserError = 1;
    /// <summary>A bug or a broken environment (registry unreadable, unexpected exception).</summary>
    public const int InternalError = 2;
}
