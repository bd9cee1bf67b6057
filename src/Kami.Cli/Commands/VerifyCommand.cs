using System.CommandLine;
using Kami.Cli.CommandLine;
using Kami.Cli.Installing;
using Kami.Cli.Output;
using Kami.Core.Security;
using Kami.Core.Trust;
using Kami.Packaging.Trust;

namespace Kami.Cli.Commands;

internal static class VerifyCommand
{
    public static Command Create(CommandRunner runner)
    {
        var id = ToolIdArgument.Create();
        var publicKey = new Option<string?>("--public-key") { Description = "Check against this signer (64 hex) instead of the recorded one" };
        var signature = new Option<string?>("--signature") { Description = "Check this signature of the .wasm (128 hex) instead of the recorded one" };
        var manifestSignature = new Option<string?>("--manifest-signature") { Description = "Check this manifest signature (128 hex) instead of the recorded one" };
        var command = new Command("verify",
            "Check an installed tool: its .wasm still matches the install pin, its signature verifies, and whether the signature covers its manifest too; exit 0 or 1")
            { id, publicKey, signature, manifestSignature };
        runner.SetAction(command, context =>
        {
            var tool = InstalledTools.Require(context, context.Get(id));
            context.Connection.TryEnsureLocal(tool);
            var bytes = File.Exists(tool.WasmFile) ? File.ReadAllBytes(tool.WasmFile) : null;
            var pinOk = bytes is not null && IntegrityHash.Of(bytes) == tool.WasmSha256;
            var recorded = tool.ToolSignature;
            var sigText = context.Get(signature) ?? recorded?.Signature;
            var keyText = context.Get(publicKey) ?? recorded?.SignerPublicKey;
            var manifestText = context.Get(manifestSignature) ?? recorded?.ManifestSignature;
            var claimed = ToolSignature.From(sigText?.ToLowerInvariant(), keyText?.ToLowerInvariant(), manifestText?.ToLowerInvariant());
            var verifier = Ed25519Signatures.Instance;
            bool? signatureOk = claimed is null || bytes is null ? null : verifier.Verify(bytes, claimed);
            bool? manifestOk = claimed?.ManifestSignature is null ? null : ManifestSignatureCheck.Verifies(verifier, tool.Manifest, tool.WasmSha256, claimed);
            var trusted = claimed is not null && context.Registry.IsTrusted(claimed.SignerPublicKey);
            var ok = pinOk && signatureOk == true && manifestOk != false;
            var signer = claimed is null ? "" : $"signer {claimed.SignerPublicKey} is {(trusted ? "trusted" : "not a trusted signer")}";
            var message = !pinOk ? $"{tool.Id}: its .wasm no longer matches the sha256 pinned at install ({tool.WasmSha256}); re-install it"
                : claimed is null ? $"{tool.Id}: the pin matches, but it has no signature to verify (give --signature and --public-key)"
                : signatureOk != true ? $"{tool.Id}: the signature does NOT verify with key {claimed.SignerPublicKey}"
                : manifestOk == false ? $"{tool.Id}: the code signature verifies, but the manifest signature does NOT: its recorded id, version, description, arguments, grants or limits are not what {claimed.SignerPublicKey} signed"
                : manifestOk == true ? $"{tool.Id}: pin and signature verified (code and manifest); {signer}"
                : $"{tool.Id}: pin and signature verified (code only: the signature does not cover tool.toml, so its id, version, grants and limits are not vouched for); {signer}";
            if (context.Json)
                context.Output.Json(new VerifyJson(tool.Id.Value, ok, pinOk, signatureOk, claimed?.SignerPublicKey, trusted, message)
                    { SignatureCovers = manifestOk == true ? SignatureScope.CodeAndManifest.ToName() : signatureOk == true ? SignatureScope.CodeOnly.ToName() : null, ManifestSignatureOk = manifestOk },
                    CliJsonContext.Relaxed.VerifyJson);
            else if (ok) context.Output.Line(message);
            else context.Output.Error(message);
            return ok ? ExitCodes.Ok : ExitCodes.UserError;
        });
        return command;
    }
}
