using System.Globalization;
using Kami.Cli.CommandLine;
using Kami.Cli.Output;
using Kami.Core.Errors;
using Kami.Core.Registry;

namespace Kami.Cli.Commands;

/// <summary><c>kami logs --verify</c>: one line (or JSON object) per chain, exit 1 when any chain is broken.</summary>
internal static class AuditVerifyOutput
{
    public static int Write(CommandContext context)
    {
        if (context.AuditLog is not IAuditChainSource source)
            throw new KamiException(ErrorKind.InvalidInput, "this registry's audit log keeps no hash chain, so it cannot be verified");
        var verdicts = source.VerifyChains();
        if (context.Json)
        {
            context.Output.Json([.. verdicts.Select(v => new ChainVerdictJson(v.Chain, v.Ok, v.Checked, v.Unchained,
                v.Break is { } b ? new ChainBreakJson(b.RecordId, b.Sequence, KindName(b.Kind), b.Detail) : null))], CliJsonContext.Relaxed.ListChainVerdictJson);
        }
        else if (verdicts.Count == 0)
        {
            context.Output.Line("no chained audit records yet: nothing to verify");
        }
        else
        {
            foreach (var v in verdicts) context.Output.Line(Describe(v));
        }
        return verdicts.All(v => v.Ok) ? ExitCodes.Ok : ExitCodes.UserError;
    }

    private static string Describe(AuditChainVerdict v)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"chain {v.Chain}: {v.Checked} records checked, ");
        text += v.Break is not { } b
            ? "OK"
            : string.Create(CultureInfo.InvariantCulture, $"BROKEN at {Where(b)}: {KindName(b.Kind)}: {b.Detail}");
        return v.Unchained > 0 ? string.Create(CultureInfo.InvariantCulture, $"{text} ({v.Unchained} older records predate the chain and are not protected)") : text;
    }

    private static string Where(AuditChainBreak b) => (b.RecordId, b.Sequence) switch
    {
        ({ } id, { } seq) => string.Create(CultureInfo.InvariantCulture, $"record {id} (sequence {seq})"),
        (null, { } seq) => string.Create(CultureInfo.InvariantCulture, $"sequence {seq}"),
        ({ } id, null) => string.Create(CultureInfo.InvariantCulture, $"record {id}"),
        _ => "the chain",
    };

    private static string KindName(AuditBreakKind kind) => kind switch
    {
        AuditBreakKind.Edited => "edited",
        AuditBreakKind.Missing => "missing",
        AuditBreakKind.OutOfOrder => "out of order",
        _ => kind.ToString(),
    };
}
