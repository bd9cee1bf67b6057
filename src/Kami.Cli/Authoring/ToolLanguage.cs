namespace Kami.Cli.Authoring;

/// <summary>The languages <c>kami init</c> and <c>kami build</c> know.</summary>
internal enum ToolLanguage { C, JavaScript, TypeScript }
