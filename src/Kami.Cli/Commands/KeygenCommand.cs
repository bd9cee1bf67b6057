using System.CommandLine;
using Kami.Cli.CommandLine;
using Kami.Cli.Output;
using Kami.Packaging.Trust;

namespace Kami.Cli.Commands;

internal static class KeygenCommand
{
    public static Command Create(CommandRunner runner)
    {
        var force = new Option<bool>("--force") { Description = "Replace the existing key pair" };
        var command = new Command("keygen", "Make an Ed25519 signing key pair in $KAMI_HOME/keys (secret key 0600) and print the public key") { force };
        runner.SetAction(command, context =>
        {
            var keys = new SigningKeys(context.Settings.Paths);
            var publicKey = keys.Generate(context.Get(force));
            context.Output.Data(publicKey);
            if (!context.Json) context.Output.Note($"secret key: {keys.SecretKeyFile} (keep it private); share the public key above for `kami trust add`");
            return ExitCodes.Ok;
        });
        return command;
    }
}
