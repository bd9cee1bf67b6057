using Kami.Core.Errors;
using Kami.Core.Registry;
using Kami.Core.Tools;
using Kami.Core.Trust;

namespace Kami.Packaging.Install;

/// <summary>
/// Which installed version a package may replace. The same version needs <c>--force</c>; a lower one needs
/// <c>--allow-downgrade</c> (<c>kami rollback</c> is the usual way back). A version that is not signed cannot
/// replace one whose manifest is signed without <c>--allow-downgrade</c> either: with a code-only signature, or
/// none, the version in tool.toml is the package's word, and old code relabelled as newer would pass for an upgrade.
/// </summary>
internal static class InstallVersionRule
{
    public static void Enforce(InstalledTool? existing, ToolManifest manifest, ToolSignature? signature, InstallOptions options)
    {
        if (existing is null) return;
        var installed = existing.Manifest.Version;
        if (installed == manifest.Version)
        {
            if (options.Force) return;
            throw new KamiException(ErrorKind.ToolAlreadyInstalled,
                $"{manifest.Id} {manifest.Version} is already installed; use --force to re-install it (this also re-approves a changed .wasm)");
        }
        if (options.AllowDowngrade) return;
        if (installed > manifest.Version)
            throw new KamiException(ErrorKind.ToolAlreadyInstalled,
                $"{manifest.Id} {installed} is installed, which is newer than {manifest.Version}; installing an older version needs --allow-downgrade "
                + $"(`kami rollback {manifest.Id}` returns to the version before the last install)");
        if (existing.ToolSignature?.Scope == SignatureScope.CodeAndManifest && signature?.Scope != SignatureScope.CodeAndManifest)
            throw new KamiException(ErrorKind.ToolAlreadyInstalled,
                $"{manifest.Id} {installed} is installed with a signed manifest, but this package's version {manifest.Version} is not signed "
                + "(its signature covers the code only, or it has none), so it could be older code relabelled as newer; install a package signed with "
                + "`kami sign --write`, or pass --allow-downgrade if you know it is the newer version");
    }
}
