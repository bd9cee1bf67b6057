using BenchmarkDotNet.Running;
using Kami.Bench.Runtime;

// `--interleaved [rounds]`: a quick A/B check that alternates the variants in short rounds and reports medians,
// which holds up better than sequential BenchmarkDotNet runs on a small, busy machine. Otherwise: BenchmarkDotNet.
if (args is ["--interleaved", ..])
{
    Interleaved.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100);
    return;
}
// `--profile [rounds]`: where a call of the C echo, the big C tool and the JavaScript echo goes, step by step, raw and in KAMI.
if (args is ["--profile", ..])
{
    Profile.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 7);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(EchoBenchmarks).Assembly).Run(args);
