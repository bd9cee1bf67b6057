using Kami.Core.Errors;

namespace Kami.Cli.Authoring;

/// <summary>A build the author can fix: a one-line summary, and the compiler's lines (file:line: error: ...) to print above it.</summary>
internal sealed class BuildFailedException(string message, IReadOnlyList<string> details) : KamiException(ErrorKind.InvalidInput, message)
{
    public IReadOnlyList<string> Details { get; } = details;
}
