namespace Kami.Core.Tools;

/// <summary>One <c>[[mcp.arguments]]</c> entry: becomes a property of the tool's MCP input schema.</summary>
public sealed record ToolArgument(string Name, ArgumentType Type, string Description, bool Required);
