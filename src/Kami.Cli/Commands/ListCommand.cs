using System.CommandLine;
using Kami.Cli.CommandLine;
using Kami.Cli.Output;
using Kami.Core.Registry;
using Kami.Core.Text;
using Spectre.Console;

namespace Kami.Cli.Commands;

internal static class ListCommand
{
    /// <summary>Longer listings are printed as plain aligned text; a Spectre table of 1,000 rows took ~200 ms to lay out.</summary>
    internal const int PlainTableRows = 100;

    public static Command Create(CommandRunner runner)
    {
        var filter = new Option<string?>("--filter") { Description = "Only tools whose id, name or description contains this text" };
        var enabledOnly = new Option<bool>("--enabled") { Description = "Only enabled tools" };
        var command = new Command("list", "List installed tools") { filter, enabledOnly };
        runner.SetAction(command, context =>
        {
            var tools = context.Registry.List(new ToolQuery(context.Get(filter), context.Get(enabledOnly)));
            if (context.Json)
            {
                context.Output.Json(tools.Select(t => new ToolSummaryJson(t.Id.Value, t.Manifest.Name, t.Manifest.Version.ToString(), t.Enabled,
                    t.Manifest.Description)).ToList(), CliJsonContext.Relaxed.ListToolSummaryJson);
                return ExitCodes.Ok;
            }
            if (tools.Count == 0)
            {
                context.Output.Line("no tools installed" + (context.Get(filter) is { } f ? $" matching '{f}'" : "") + "; install one with `kami install <package>`");
                return ExitCodes.Ok;
            }
            if (tools.Count > PlainTableRows)
            {
                PlainTable.Write(context.Output.Out, ["ID", "VERSION", "ENABLED", "DESCRIPTION"],
                    tools.Select(t => (IReadOnlyList<string?>)[t.Id.Value, t.Manifest.Version.ToString(), t.Enabled ? "yes" : "no", t.Manifest.Description]));
                return ExitCodes.Ok;
            }
            var table = new Table().AddColumns("ID", "VERSION", "ENABLED", "DESCRIPTION");
            foreach (var t in tools)
                table.AddRow(TableText.Cell(t.Id.Value), TableText.Cell(t.Manifest.Version.ToString()), t.Enabled ? "yes" : "no", TableText.Cell(t.Manifest.Description));
            context.Output.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }
}
