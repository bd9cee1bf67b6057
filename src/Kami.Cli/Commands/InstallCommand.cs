using System.CommandLine;
using Kami.Cli.CommandLine;
using Kami.Cli.Installing;
using Kami.Cli.Output;
using Kami.Core.Errors;
using Kami.Core.Security;
using Kami.Core.Trust;
using Kami.Packaging.Distribution;
using Kami.Packaging.Install;

namespace Kami.Cli.Commands;

internal static class InstallCommand
{
    public static Command Create(CommandRunner runner)
    {
        var source = new Argument<string>("package") { Description = "A package directory, its tool.toml, a plugin.zip, an https:// URL, oci://HOST/NAMESPACE/NAME:TAG (or @sha256:…), owner/repo@tag (a GitHub release), or an index id[@version]" };
        var force = new Option<bool>("--force") { Description = "Re-install the same version, or re-approve a changed .wasm" };
        var allowDowngrade = new Option<bool>("--allow-downgrade") { Description = "Replace the installed version with a lower one, or a signed manifest with an unsigned version (kami rollback is the usual way back)" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Grant the capabilities the tool asks for without asking (needed without a terminal when require_approval = true)" };
        var sha256 = new Option<string?>("--sha256") { Description = "Install only if the package file (or its .wasm) has this SHA-256" };
        var signature = new Option<string?>("--signature") { Description = "An Ed25519 signature (128 hex) of the .wasm, instead of the one in tool.toml" };
        var publicKey = new Option<string?>("--public-key") { Description = "The signer's public key (64 hex), with --signature" };
        var index = new Option<string?>("--index") { Description = "The registry index to install an id from (default: index_url)" };
        var command = new Command("install", "Install a tool package into the registry; checks its hash and signature, shows what the tool may do and asks before granting it")
            { source, force, allowDowngrade, yes, sha256, signature, publicKey, index };
        runner.SetAction(command, async (context, cancellation) =>
        {
            var paths = context.Settings.Paths;
            var approval = new InstallApproval(context, context.Get(yes));
            var flagSignature = FlagSignature(context.Get(signature), context.Get(publicKey));
            var options = new InstallOptions(context.Get(force))
            {
                AllowDowngrade = context.Get(allowDowngrade),
                Approve = approval.Approve,
                ExpectedSha256 = context.Get(sha256),
                Signature = flagSignature,
                Trust = context.SignaturePolicy,
            };
            var distribution = new Distribution(context);
            var classified = PackageSource.Classify(context.Get(source));
            if (classified is PackageSource.Index && context.Get(index) is null && context.Settings.IndexUrl is null)
                throw new KamiException(ErrorKind.InvalidInput,
                    $"{context.Get(source)} is not a package that exists here, and no registry index is configured to install it by id: "
                    + "check the path, or set index_url in config.toml (or KAMI_INDEX_URL), or pass --index <url>");
            var result = classified switch
            {
                PackageSource.Url url => await distribution.Remote.InstallUrlAsync(url.Address, options, cancellation),
                PackageSource.Oci oci => await distribution.Oci.InstallAsync(oci.Reference, options, cancellation),
                PackageSource.GitHub release => await distribution.Remote.InstallGitHubAsync(release, options, cancellation),
                PackageSource.Index wanted => await distribution.Remote.InstallEntryAsync(
                    (await distribution.LoadIndexAsync(context.Get(index), refresh: false, cancellation)).Find(wanted.Id, wanted.Version)
                        ?? throw new KamiException(ErrorKind.ToolNotFound, $"the index has no {wanted.Id}{(wanted.Version is null ? "" : " " + wanted.Version)}; `kami search` shows what it has"),
                    options, cancellation),
                var local => distribution.Installer.Install(((PackageSource.Local)local).Path, options),
            };
            var tool = result.Tool;
            var compiled = InstallPrecompile.Run(context, tool);
            if (context.Json)
            {
                context.Output.Json(new InstallJson(tool.Id.Value, tool.Manifest.Version.ToString(), tool.WasmSha256, tool.InstallPath,
                    result.Replaced?.Manifest.Version.ToString(), result.Notes, ToJson(approval.Summary!, paths.DataDirectory(tool.Id)), tool.Source, tool.SignerPublicKey)
                    { SignatureCovers = tool.ToolSignature?.Scope.ToName() },
                    CliJsonContext.Relaxed.InstallJson);
                return ExitCodes.Ok;
            }
            foreach (var note in result.Notes) context.Output.Note("note: " + note);
            var replaced = result.Replaced is { } r ? $" (replaced {r.Manifest.Version}; `kami rollback {tool.Id}` restores it)" : "";
            context.Output.Line($"installed {tool.Id} {tool.Manifest.Version}{replaced}");
            context.Output.Line($"  sha256 {tool.WasmSha256}");
            context.Output.Line($"  signer {(tool.ToolSignature is { } signed ? $"{signed.SignerPublicKey} (signature covers {(signed.Scope == SignatureScope.CodeOnly ? "the code only" : "the code and the manifest")})" : "none (unsigned)")}");
            if (compiled is { } compileNote) context.Output.Note(compileNote);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static ToolSignature? FlagSignature(string? signature, string? publicKey)
    {
        if (signature is null && publicKey is null) return null;
        if (signature is null || publicKey is null)
            throw new KamiException(ErrorKind.InvalidInput, "--signature and --public-key go together: give both");
        return new ToolSignature(signature.ToLowerInvariant(), publicKey.ToLowerInvariant());
    }

    public static CapabilitiesJson ToJson(CapabilitySummary s, string dataDirectory) =>
        new(s.Files.ToManifestName(), s.Files == FsAccess.None ? null : dataDirectory, s.Env, s.EnvWithheld.Select(w => w.Name).ToList(), s.Hosts,
            s.Limits.Select(l => new RaisedLimitJson(l.Name, l.Value, l.Default)).ToList(), s.GrantsNothing);
}
