using System.CommandLine;
using System.CommandLine.Parsing;
using Kami.Core.Tools;

namespace Kami.Cli.CommandLine;

/// <summary>The <c>tool-id</c> argument, read as a <see cref="ToolId"/> while the command line is parsed: a malformed id is a parse error saying what is wrong with it.</summary>
internal static class ToolIdArgument
{
    public static Argument<ToolId> Create() => new("tool-id") { Description = "The tool's id, e.g. dev.kami.echo", CustomParser = Parse };

    /// <summary>An id that may be left out (null then).</summary>
    public static Argument<ToolId?> CreateOptional(string description) =>
        new("tool-id") { Description = description, Arity = ArgumentArity.ZeroOrOne, CustomParser = Parse };

    private static ToolId? Parse(ArgumentResult result)
    {
        if (result.Tokens.Count == 0) return null;
        if (ToolId.TryParse(result.Tokens[0].Value, out var id, out var error)) return id;
        result.AddError(error);
        return null;
    }
}
