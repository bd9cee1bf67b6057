namespace Kami.Core.Errors;

public enum ProblemSeverity { Error, Warning }

/// <summary>One problem found in a package, located as precisely as the source allows.</summary>
public sealed record ManifestProblem(ProblemSeverity Severity, string File, int? Line, string? Field, string Message)
{
    public static ManifestProblem Error(string file, int? line, string? field, string message) =>
        new(ProblemSeverity.Error, file, line, field, message);

    public static ManifestProblem Warning(string file, int? line, string? field, string message) =>
        new(ProblemSeverity.Warning, file, line, field, message);

    public override string ToString() =>
        (Line is { } l ? $"{File}:{l}: " : $"{File}: ") + (Severity == ProblemSeverity.Warning ? "warning: " : "") + Message;
}
