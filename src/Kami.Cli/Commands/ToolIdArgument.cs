using System.CommandLine;
using Kami.Core.Tools;

namespace Kami.Cli.Commands;

internal static class ToolIdArgument
{
    public static Argument<string> Create() => new("tool-id") { Description = "The tool's id, e.g. dev.kami.echo" };

    public static ToolId Parse(string text) => ToolId.Parse(text);
}
