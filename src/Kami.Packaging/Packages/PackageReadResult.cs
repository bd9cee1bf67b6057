using Kami.Core.Errors;

namespace Kami.Packaging.Packages;

/// <summary>The outcome of reading a package: every problem found, notes worth telling the user, and the package when usable.</summary>
public sealed record PackageReadResult(LoadedPackage? Package, IReadOnlyList<ManifestProblem> Problems, IReadOnlyList<string> Notes)
{
    /// <summary>Whether the package can be installed (no errors; warnings may remain in <see cref="Problems"/>).</summary>
    public bool IsValid => Package is not null;

    /// <summary>The package; throws <see cref="ManifestInvalidException"/> with every problem when it is not valid.</summary>
    public LoadedPackage GetPackageOrThrow() => Package ?? throw new ManifestInvalidException(Problems);
}
