namespace Kami.Core.Errors;

/// <summary>A package or manifest with one or more errors; carries every problem found, not only the first.</summary>
public sealed class ManifestInvalidException(IReadOnlyList<ManifestProblem> problems)
    : KamiException(ErrorKind.ManifestInvalid, Describe(problems))
{
    /// <summary>Every problem found, warnings included; the message lists only the errors.</summary>
    public IReadOnlyList<ManifestProblem> Problems { get; } = problems;

    private static string Describe(IReadOnlyList<ManifestProblem> problems)
    {
        var errors = problems.Where(p => p.Severity == ProblemSeverity.Error).ToList();
        return errors.Count == 1
            ? errors[0].ToString()
            : $"{errors.Count} problems:" + string.Concat(errors.Select(e => Environment.NewLine + "  " + e));
    }
}
