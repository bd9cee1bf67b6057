using System.CommandLine;
using System.Reflection;
using Kami.Cli.CommandLine;
using Kami.Cli.Configuration;
using Kami.Cli.Output;
using Kami.Core.Text;
using Kami.Runtime.Execution;
using Spectre.Console;

namespace Kami.Cli.Commands;

internal static class StatusCommand
{

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("status", "Show the registry location, tool counts, versions, and where each setting came from");
        runner.SetAction(command, context =>
        {
            var info = context.Registry.Describe();
            var loader = context.SettingsLoader;
            var settings = SettingTable.All.Where(s => s.Shown).Select(s => new SettingJson(s.Key, loader.ShownValueOf(s.Key), loader.SourceOf(s.Key))).ToList();
            var calls = context.AuditLog.Recent(10_000).Count;
            var status = new StatusJson(Kami.Core.Hosting.KamiVersion.Current, ToolRuntime.WasmtimeVersion, context.Settings.Paths.Home, info.Location,
                info.SchemaVersion, info.ToolCount, info.EnabledCount, settings, calls,
                [.. loader.Warnings, .. UnmatchedAllowLists.Warnings(context.Settings.NetAllowLists, context.Registry)]);
            if (context.Json)
            {
                context.Output.Json(status, CliJsonContext.Relaxed.StatusJson);
                return ExitCodes.Ok;
            }
            var grid = new Grid().AddColumn().AddColumn();
            grid.AddRow("kami", status.KamiVersion);
            grid.AddRow("wasmtime", status.WasmtimeVersion);
            grid.AddRow("home", TableText.Cell(status.Home));
            grid.AddRow("registry", TableText.Cell($"{status.Database} (schema v{status.SchemaVersion})"));
            grid.AddRow("tools", $"{status.Tools} installed, {status.Enabled} enabled");
            grid.AddRow("calls recorded", calls >= 10_000 ? "10,000+" : calls.ToString(System.Globalization.CultureInfo.InvariantCulture));
            context.Output.Console.Write(grid);
            var table = new Table().AddColumns("SETTING", "VALUE", "FROM");
            foreach (var s in settings) table.AddRow(TableText.Cell(s.Key), TableText.Cell(s.Value ?? "-"), TableText.Cell(s.Source));
            context.Output.Console.Write(table);
            foreach (var warning in status.Warnings) context.Output.Line("warning: " + warning);
            return ExitCodes.Ok;
        });
        return command;
    }
}
