using Kami.Core.Security;
using System.CommandLine;
using System.Security.Cryptography;
using Kami.Cli.Output;
using Kami.Core.Trust;
using Kami.Packaging.Trust;

namespace Kami.Cli.Commands;

internal static class VerifyCommand
{
    public static Command Create(CommandRunner runner)
    {
        var id = ToolIdArgument.Create();
        var publicKey = new Option<string?>("--public-key") { Description = "Check against this signer (64 hex) instead of the recorded one" };
        var signature = new Option<string?>("--signature") { Description = "Check this signature (128 hex) instead of the recorded one" };
        var command = new Command("verify", "Check an installed tool: its .wasm still matches the install pin, and its signature verifies; exit 0 or 1") { id, publicKey, signature };
        runner.SetAction(command, context =>
        {
            var tool = InstalledTools.Require(context, ToolIdArgument.Parse(context.Get(id)));
            var bytes = File.Exists(tool.WasmFile) ? File.ReadAllBytes(tool.WasmFile) : null;
            var pinOk = bytes is not null && IntegrityHash.Of(bytes) == tool.WasmSha256;
            var recorded = tool.ToolSignature;
            var sigText = context.Get(signature) ?? recorded?.Signature;
            var keyText = context.Get(publicKey) ?? recorded?.SignerPublicKey;
            var claimed = sigText is null || keyText is null ? null : new ToolSignature(sigText.ToLowerInvariant(), keyText.ToLowerInvariant());
            bool? signatureOk = claimed is null || bytes is null ? null : Ed25519Signatures.Instance.Verify(bytes, claimed);
            var trusted = claimed is not null && context.Registry.IsTrusted(claimed.SignerPublicKey);
            var ok = pinOk && signatureOk == true;
            var message = !pinOk ? $"{tool.Id}: its .wasm no longer matches the sha256 pinned at install ({tool.WasmSha256}); re-install it"
                : claimed is null ? $"{tool.Id}: the pin matches, but it has no signature to verify (give --signature and --public-key)"
                : signatureOk == true ? $"{tool.Id}: pin and signature verified; signer {claimed.SignerPublicKey} is {(trusted ? "trusted" : "not a trusted signer")}"
                : $"{tool.Id}: the signature does NOT verify with key {claimed.SignerPublicKey}";
            if (context.Json)
                context.Output.Json(new VerifyJson(tool.Id.Value, ok, pinOk, signatureOk, claimed?.SignerPublicKey, trusted, message), CliJsonContext.Relaxed.VerifyJson);
            else if (ok) context.Output.Line(message);
            else context.Output.Error(message);
            return ok ? ExitCodes.Ok : ExitCodes.UserError;
        });
        return command;
    }
}
