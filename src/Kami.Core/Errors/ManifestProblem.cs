namespace Kami.Core.Errors;

/// <summary>One problem found in a package, located as precisely as the source allows.</summary>
public sealed record ManifestProblem(ProblemSeverity Severity, string File, int? Line, string? Field, string Message)
{
    /// <summary>A problem that stops the package from being installed; <paramref name="line"/> and <paramref name="field"/> are null when unknown.</summary>
    public static ManifestProblem Error(string file, int? line, string? field, string message) =>
        new(ProblemSeverity.Error, file, line, field, message);

    /// <summary>A problem worth telling the author about that does not stop the install; <paramref name="line"/> and <paramref name="field"/> are null when unknown.</summary>
    public static ManifestProblem Warning(string file, int? line, string? field, string message) =>
        new(ProblemSeverity.Warning, file, line, field, message);

    /// <summary>The problem as a compiler would print it: <c>file:line: [warning: ]message</c> (no line when unknown).</summary>
    public override string ToString() =>
        (Line is { } l ? $"{File}:{l}: " : $"{File}: ") + (Severity == ProblemSeverity.Warning ? "warning: " : "") + Message;
}
