using Kami.Core.Errors;
using Kami.Core.Tools;

namespace Kami.Packaging.Manifest;

/// <summary>Every problem found in a manifest at once; <see cref="Manifest"/> is set only when there is no error.</summary>
public sealed record ManifestParseResult(ToolManifest? Manifest, IReadOnlyList<ManifestProblem> Problems)
{
    /// <summary>True when the manifest has no error (warnings allowed).</summary>
    public bool IsValid => Manifest is not null;
    /// <summary>The problems that stop the package.</summary>
    public IEnumerable<ManifestProblem> Errors => Problems.Where(p => p.Severity == ProblemSeverity.Error);
    /// <summary>The problems reported to the author that do not stop the package.</summary>
    public IEnumerable<ManifestProblem> Warnings => Problems.Where(p => p.Severity == ProblemSeverity.Warning);

    /// <summary>The manifest; a <see cref="ManifestInvalidException"/> carrying every problem when there is an error.</summary>
    public ToolManifest GetManifestOrThrow() => Manifest ?? throw new ManifestInvalidException(Problems);
}
