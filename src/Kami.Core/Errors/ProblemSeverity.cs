namespace Kami.Core.Errors;

/// <summary>Whether a <see cref="ManifestProblem"/> stops the install.</summary>
public enum ProblemSeverity
{
    /// <summary>The package is refused until this is fixed.</summary>
    Error,
    /// <summary>Reported to the author; the install goes ahead.</summary>
    Warning,
}
