using Kami.Core.Errors;

namespace Kami.Packaging.Packages;

/// <summary>The outcome of reading a package: every problem found, notes worth telling the user, and the package when usable.</summary>
public sealed record PackageReadResult(LoadedPackage? Package, IReadOnlyList<ManifestProblem> Problems, IReadOnlyList<string> Notes)
{
    public bool IsValid => Package is not null;

    public LoadedPackage GetPackageOrThrow() => Package ?? throw new ManifestInvalidException(Problems);
}
