namespace Kami.Core.Tools;

/// <summary>
/// How tools are named in <c>tools/list</c>. <see cref="Id"/> (default) uses the tool id as the Rust KAMI does;
/// <see cref="Underscore"/> gives names matching <c>[a-zA-Z0-9_-]{1,64}</c>, which the function-calling APIs
/// behind many agents require (dots are rejected there).
/// </summary>
public enum ToolNameStyle { Id, Underscore }
