namespace Kami.Core.Errors;

/// <summary>
/// The root of every error KAMI reports on purpose. Messages are written for the person (or model) who
/// reads them: they say what was wrong and what to do, and never carry host paths or secrets unless the
/// caller is the local operator.
/// </summary>
public class KamiException : Exception
{
    /// <summary>Creates an error of the given kind; <paramref name="message"/> is shown as is, so write it for the reader.</summary>
    public KamiException(ErrorKind kind, string message, Exception? inner = null)
        : base(message, inner) => Kind = kind;

    /// <summary>What went wrong, for callers that map errors to exit codes or MCP results.</summary>
    public ErrorKind Kind { get; }

    /// <summary>The one wording for "no such tool", wherever a command or server looks a tool up.</summary>
    public static KamiException ToolNotInstalled(Tools.ToolId id) =>
        new(ErrorKind.ToolNotFound, $"tool {id} is not installed; `kami list` shows what is");

    /// <summary>Errors caused by the user or the tool, as opposed to a bug or a broken host.</summary>
    public bool IsUserError => Kind.IsUserError();
}
