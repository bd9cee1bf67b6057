using Kami.Runtime.Contracts;

namespace Kami.Mcp.Tools;

/// <summary>
/// Sees every finished tool call with its input and full result (<c>kami dev</c> prints them). Called on the
/// request's thread after the result is known; it must not throw or block.
/// </summary>
public interface ICallObserver
{
    /// <summary>One finished call: the tool, its input JSON, what it produced, and how long it took end to end.</summary>
    void Observe(string toolId, string input, ExecutionResult result, TimeSpan duration);
}
