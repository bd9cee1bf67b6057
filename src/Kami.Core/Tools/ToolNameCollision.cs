using Kami.Core.Errors;

namespace Kami.Core.Tools;

/// <summary>Two different tools that would be served under the same MCP name in one naming style.</summary>
public sealed record ToolNameCollision(ToolId Candidate, ToolId Installed, ToolNameStyle Style, string Name)
{
    /// <summary>What install says when it refuses the candidate.</summary>
    public KamiException ToException() => new(ErrorKind.ToolAlreadyInstalled,
        $"tool {Candidate} would be served as '{Name}' with tool_names = {Style.ToString().ToLowerInvariant()}, the name of the installed tool {Installed}; "
        + $"choose another id, or uninstall {Installed} first");
}
