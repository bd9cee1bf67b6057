using Kami.Core.Approval;
using Kami.Core.Errors;
using Microsoft.Extensions.Configuration;

namespace Kami.Cli.Configuration;

/// <summary>
/// Reads <c>[approval]</c> (checked line by line where config.toml is parsed) into the <see cref="ApprovalPolicy"/>
/// the server holds calls to. Values that reach here from elsewhere (an environment variable) are checked again.
/// </summary>
internal static class ApprovalReader
{
    public static ApprovalPolicy Read(IConfigurationSection section)
    {
        var tools = new Dictionary<string, ApprovalMode>(StringComparer.Ordinal);
        ApprovalMode? defaultMode = null;
        var whenGranted = false;
        foreach (var entry in section.GetChildren())
        {
            var text = entry.Value ?? "";
            if (entry.Key == ApprovalPolicy.DefaultKey && text == ApprovalPolicy.WhenGranted)
            {
                whenGranted = true;
                continue;
            }
            var mode = ApprovalPolicy.ParseMode(text)
                ?? throw new KamiException(ErrorKind.InvalidInput, $"[{section.Key}] \"{entry.Key}\" = \"{text}\": use \"always\", \"first-use\" or \"never\"");
            if (entry.Key == ApprovalPolicy.DefaultKey) defaultMode = mode;
            else tools[entry.Key] = mode;
        }
        return tools.Count == 0 && defaultMode is null && !whenGranted ? ApprovalPolicy.None : new ApprovalPolicy(tools, defaultMode, whenGranted);
    }
}
