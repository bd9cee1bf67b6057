using System.CommandLine;
using Kami.Cli.Authoring;
using Kami.Cli.CommandLine;
using Kami.Core.Errors;

namespace Kami.Cli.Commands;

/// <summary><c>kami init &lt;name&gt; --lang c|js|ts</c>: a new tool package from a template.</summary>
internal static class InitCommand
{
    public static Command Create(CommandRunner runner)
    {
        var name = new Argument<string>("name") { Description = "The tool's name, also the new directory (letters, digits, '-', '_')" };
        var lang = new Option<string>("--lang") { Description = "The language of the source", DefaultValueFactory = _ => "js" }
            .OneOf([.. TemplateWriter.Languages.Keys], TemplateWriter.Languages.ContainsKey);
        var id = new Option<string?>("--id") { Description = "The tool id in reverse-domain form (default local.<name>)" };
        var dir = new Option<string?>("--dir") { Description = "Where to create it (default ./<name>)" };
        var command = new Command("init", "Create a new tool package (tool.toml, source, a test, README) from a template") { name, lang, id, dir };
        runner.SetAction(command, context =>
        {
            var language = context.Get(lang);
            var toolName = context.Get(name);
            var toolId = TemplateWriter.IdFor(toolName, context.Get(id));
            var target = context.Get(dir) ?? toolName;
            var files = TemplateWriter.Write(GuestToolchain.Locate(context.Host), language, toolName, toolId, target);
            context.Output.Line($"created {target}/ ({toolId}, {language}): {string.Join(", ", files)}");
            context.Output.Line($"next: cd {target} && kami build && kami test && kami run . --input '{{\"name\":\"Ada\"}}'");
            return Output.ExitCodes.Ok;
        });
        return command;
    }
}
