using System.CommandLine;
using Kami.Cli.CommandLine;
using Kami.Cli.Output;
using Kami.Core.Text;
using Kami.Core.Registry;
using Spectre.Console;

namespace Kami.Cli.Commands;

internal static class LogsCommand
{
    private const int MaxHttpChars = 72;

    public static Command Create(CommandRunner runner)
    {
        var tool = new Option<string?>("--tool") { Description = "Only calls of this tool" };
        var limit = new Option<int>("--limit", "-n") { Description = "How many recent calls", DefaultValueFactory = _ => 50 };
        var verify = new Option<bool>("--verify") { Description = "Check the audit log's hash chains instead: exit 1 if a record was edited, removed or reordered" };
        var command = new Command("logs", "Show the audit log of recent tool calls (kami serve)") { tool, limit, verify };
        runner.SetAction(command, context =>
        {
            if (context.Get(verify))
            {
                if (context.Get(tool) is not null)
                    throw new Kami.Core.Errors.KamiException(Kami.Core.Errors.ErrorKind.InvalidInput, "--verify checks every record of every chain; leave out --tool");
                return AuditVerifyOutput.Write(context);
            }
            var calls = context.AuditLog.Recent(Math.Clamp(context.Get(limit), 1, AuditRetention.DefaultRetainedCalls), context.Get(tool));
            if (context.Json)
            {
                context.Output.Json(calls.Select(c => new CallJson(c.ToolId, c.StartedAt, c.DurationMs, c.Outcome, c.FuelUsed, c.Error, c.Arguments, c.Transport,
                        HttpJson(c.Http), c.Caller) { Replica = c.ReplicaId }).ToList(),
                    CliJsonContext.Relaxed.ListCallJson);
                return ExitCodes.Ok;
            }
            if (calls.Count == 0)
            {
                context.Output.Line("no calls recorded yet; calls made through `kami serve` appear here");
                return ExitCodes.Ok;
            }
            // The HTTP column only when some call made a request: most tools make none.
            var http = calls.Any(c => c.Http is not null);
            var table = new Table().AddColumns("TIME", "CALLER", "TOOL", "OUTCOME", "MS", "FUEL", "ERROR");
            // Kept on one line (the error wraps instead), cut at a glance's length: --json has every hop.
            if (http) table.AddColumn(new TableColumn("HTTP").NoWrap());
            foreach (var c in calls)
            {
                string[] row = [c.StartedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture), TableText.Cell(c.Caller ?? "-"), TableText.Cell(c.ToolId), TableText.Cell(c.Outcome),
                    c.DurationMs.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture), c.FuelUsed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    TableText.Cell(c.Error)];
                table.AddRow(http ? [.. row, TableText.Cell(HttpSummaryText.Format(c.Http, MaxHttpChars))] : row);
            }
            context.Output.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static CallHttpJson? HttpJson(Kami.Core.Registry.HttpCallSummary? http) =>
        http is null ? null : new CallHttpJson(http.Requests, http.BytesSent, http.BytesReceived,
            [.. http.Entries.Select(e => new HttpRequestJson([.. e.Hops.Select(h => new HttpHopJson(h.Method, h.Host, h.Contacted, h.Status, h.Error, h.BytesSent, h.BytesReceived))]))]);
}
