namespace Kami.Cli.Authoring;

/// <summary>How a build step ended and what it printed (stdout and stderr together).</summary>
internal sealed record ProcessResult(int ExitCode, string Output);
