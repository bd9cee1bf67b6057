using System.CommandLine;
using Kami.Cli.CommandLine;
using Kami.Cli.Installing;
using Kami.Cli.Output;
using Kami.Packaging.Distribution.Oci;

namespace Kami.Cli.Commands;

internal static class PublishCommand
{
    public static Command Create(CommandRunner runner)
    {
        var dir = new Argument<string>("package") { Description = "The signed package (a directory holding tool.toml and the .wasm, or a plugin.zip)" };
        var target = new Argument<string>("reference") { Description = "Where to push it: oci://HOST/NAMESPACE/NAME:TAG" };
        var command = new Command("publish",
            "Push a signed package to an OCI registry as a Wasm artifact (the component layer wkg reads, tool.toml in its config); prints the manifest digest")
            { dir, target };
        runner.SetAction(command, async (context, cancellation) =>
        {
            var reference = OciReference.Parse(context.Get(target));
            var result = await new Distribution(context).OciPublisher.PublishAsync(context.Get(dir), reference, cancellation);
            var m = result.Manifest;
            if (result.Note is { } note) context.Output.Note("note: " + note);
            if (context.Json)
            {
                context.Output.Json(new PublishJson(m.Id.Value, m.Version.ToString(), result.Target.ToString(), result.ManifestDigest, result.Pinned,
                    result.WasmSha256, result.SignerPublicKey), CliJsonContext.Relaxed.PublishJson);
                return ExitCodes.Ok;
            }
            context.Output.Line($"published {m.Id} {m.Version} to {result.Target}");
            context.Output.Line($"  digest {result.ManifestDigest}");
            context.Output.Line($"  signer {result.SignerPublicKey}");
            context.Output.Note($"install exactly this with: kami install {result.Pinned}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
