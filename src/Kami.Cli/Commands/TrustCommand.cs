using System.CommandLine;
using Kami.Cli.CommandLine;
using Kami.Cli.Output;
using Kami.Core.Errors;
using Kami.Core.Trust;
using Kami.Packaging.Trust;

namespace Kami.Cli.Commands;

internal static class TrustCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("trust", "Manage the trusted signers: the keys whose signatures require_signature accepts");
        command.Subcommands.Add(Add(runner));
        command.Subcommands.Add(List(runner));
        command.Subcommands.Add(Remove(runner));
        return command;
    }

    private static Command Add(CommandRunner runner)
    {
        var key = new Argument<string>("public-key") { Description = "The signer's Ed25519 public key, 64 hex" };
        var name = new Option<string>("--name") { Description = "Who the key belongs to", Required = true };
        var command = new Command("add", "Trust a signer's public key") { key, name };
        runner.SetAction(command, context =>
        {
            var publicKey = context.Get(key).Trim().ToLowerInvariant();
            if (!Ed25519Signatures.IsPublicKey(publicKey))
                throw new KamiException(ErrorKind.InvalidInput, $"\"{context.Get(key)}\" is not an Ed25519 public key: it must be {Ed25519Signatures.PublicKeyHexLength} hex characters (as `kami keygen` prints)");
            var who = context.Get(name).Trim();
            if (who.Length == 0) throw new KamiException(ErrorKind.InvalidInput, "--name must not be empty");
            if (!context.Registry.AddSigner(new TrustedSigner(publicKey, who, DateTimeOffset.UtcNow)))
                throw new KamiException(ErrorKind.InvalidInput, $"another key is already trusted as \"{who}\"; choose another name or `kami trust remove {who}` first");
            context.Output.Line($"trusted {publicKey} as {who}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(CommandRunner runner)
    {
        var command = new Command("list", "List the trusted signers");
        runner.SetAction(command, context =>
        {
            var signers = context.Registry.ListSigners();
            if (context.Json)
            {
                context.Output.Json(signers.Select(s => new SignerJson(s.PublicKey, s.Name, s.AddedAt)).ToList(), CliJsonContext.Relaxed.ListSignerJson);
                return ExitCodes.Ok;
            }
            if (signers.Count == 0) context.Output.Note("no trusted signers; add one with `kami trust add <public-key> --name <who>`");
            foreach (var s in signers) context.Output.Line($"{s.PublicKey}  {s.Name}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Remove(CommandRunner runner)
    {
        var which = new Argument<string>("key-or-name") { Description = "The public key or the name given to it" };
        var command = new Command("remove", "Stop trusting a signer (tools it signed stop loading while require_signature is on)") { which };
        runner.SetAction(command, context =>
        {
            var removed = context.Registry.RemoveSigner(context.Get(which).Trim())
                ?? throw new KamiException(ErrorKind.InvalidInput, $"no trusted signer has the key or name \"{context.Get(which)}\"; `kami trust list` shows them");
            context.Output.Line($"removed {removed.PublicKey} ({removed.Name})");
            return ExitCodes.Ok;
        });
        return command;
    }
}
