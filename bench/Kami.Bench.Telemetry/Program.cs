using System.Globalization;
using Kami.Bench.Telemetry;

// One mode per process, so that one mode's listeners never see another's calls (the "Kami" meter and activity
// source are process-wide): `--mode off|prometheus|otlp [--calls N]`. bench/telemetry-cost.sh alternates the modes
// in rounds and prints medians. Prints one line: mode, µs per call over HTTP, ns per call of the instrumentation alone.
var mode = args.SkipWhile(a => a != "--mode").Skip(1).FirstOrDefault() ?? "off";
var calls = int.Parse(args.SkipWhile(a => a != "--calls").Skip(1).FirstOrDefault() ?? "2000", CultureInfo.InvariantCulture);
var result = await TelemetryCost.RunAsync(mode, calls);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{mode} {result.HttpMicrosecondsPerCall:F1} {result.InstrumentationNanosecondsPerCall:F0}"));
