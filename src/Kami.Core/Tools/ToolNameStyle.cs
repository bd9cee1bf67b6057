namespace Kami.Core.Tools;

/// <summary>
/// How tools are named in <c>tools/list</c>. <see cref="Id"/> (default) uses the tool id as the Rust KAMI does;
/// <see cref="Underscore"/> gives names matching <c>[a-zA-Z0-9_-]{1,64}</c>, which the function-calling APIs
/// behind many agents require (dots are rejected there).
/// </summary>
public enum ToolNameStyle
{
    /// <summary>The tool id itself, such as <c>dev.kami.hash-compute</c> (the default).</summary>
    Id,
    /// <summary>The id with '.' as '_' and '_' as "__", shortened with a hash past 64 characters (<see cref="ToolNaming.NameOf"/>).</summary>
    Underscore,
}
