using Kami.Core.Errors;
using Kami.Core.Tools;

namespace Kami.Packaging.Manifest;

/// <summary>Every problem found in a manifest at once; <see cref="Manifest"/> is set only when there is no error.</summary>
internal sealed record ManifestParseResult(ToolManifest? Manifest, IReadOnlyList<ManifestProblem> Problems)
{
    public bool IsValid => Manifest is not null;
    public IEnumerable<ManifestProblem> Errors => Problems.Where(p => p.Severity == ProblemSeverity.Error);
    public IEnumerable<ManifestProblem> Warnings => Problems.Where(p => p.Severity == ProblemSeverity.Warning);

    public ToolManifest GetManifestOrThrow() => Manifest ?? throw new ManifestInvalidException(Problems);
}
