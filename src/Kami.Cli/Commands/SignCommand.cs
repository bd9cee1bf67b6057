using System.CommandLine;
using Kami.Cli.CommandLine;
using Kami.Cli.Output;
using Kami.Core.Errors;
using Kami.Core.Security;
using Kami.Core.Trust;
using Kami.Packaging.Manifest;
using Kami.Packaging.Packages;
using Kami.Packaging.Trust;

namespace Kami.Cli.Commands;

internal static class SignCommand
{
    public static Command Create(CommandRunner runner)
    {
        var dir = new Argument<string>("package-dir") { Description = "The package directory (holding tool.toml and the .wasm)" }
            .Accept(Directory.Exists, path => $"{path} is not a directory; sign the package directory (not its zip)");
        var write = new Option<bool>("--write") { Description = "Record the signatures in tool.toml [tool] (signature, signer_public_key, manifest_signature)" };
        var key = new Option<string?>("--key") { Description = "A secret key file (64 hex); default $KAMI_HOME/keys/signing.key" };
        var command = new Command("sign", "Sign a package with your Ed25519 key (kami keygen): its .wasm, and its manifest (id, version, grants, limits, arguments) with it; prints the hashes and signatures") { dir, write, key };
        runner.SetAction(command, context =>
        {
            var root = Path.GetFullPath(context.Get(dir));
            var scratch = Path.Combine(Path.GetTempPath(), "kami-sign-" + Guid.NewGuid().ToString("n"));
            try
            {
                var package = PackageReader.Read(root, scratch).GetPackageOrThrow();
                var wasm = File.ReadAllBytes(package.WasmFile);
                var secret = new SigningKeys(context.Settings.Paths).ReadSecret(context.Get(key) is { } k ? Path.GetFullPath(k) : null);
                var m = package.Manifest;
                var signature = Ed25519Signatures.SignPackage(m, wasm, secret);
                var sha = IntegrityHash.Of(wasm);
                var manifestSha = ManifestStatement.Digest(m, sha);
                if (context.Get(write))
                {
                    var manifestFile = package.ManifestFile;
                    File.WriteAllText(manifestFile, ManifestSignatureWriter.With(File.ReadAllText(manifestFile), signature));
                }
                if (context.Json)
                {
                    context.Output.Json(new SignJson(m.Id.Value, m.Version.ToString(), sha, signature.Signature, signature.SignerPublicKey, context.Get(write))
                        { ManifestSha256 = manifestSha, ManifestSignature = signature.ManifestSignature },
                        CliJsonContext.Relaxed.SignJson);
                    return ExitCodes.Ok;
                }
                context.Output.Line($"wasm_sha256 = {sha}");
                context.Output.Line($"signature = {signature.Signature}");
                context.Output.Line($"signer_public_key = {signature.SignerPublicKey}");
                context.Output.Line($"manifest_sha256 = {manifestSha}");
                context.Output.Line($"manifest_signature = {signature.ManifestSignature}");
                context.Output.Note(context.Get(write)
                    ? "recorded in tool.toml [tool]; editing the manifest's id, version, description, arguments, grants or limits now needs a new signature"
                    : "not recorded (add --write to record the signatures in tool.toml)");
                return ExitCodes.Ok;
            }
            finally
            {
                // Only a zip would have been unpacked here; a directory is read in place.
                if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
            }
        });
        return command;
    }
}
