using Kami.Core.Errors;
using Kami.Runtime.Tests.Infrastructure;
using Kami.Runtime.Wasm;
using Wasmtime;

namespace Kami.Runtime.Tests;

/// <summary>
/// Code health, errors as values: every wording the classifier reads from Wasmtime's text is held against the error
/// the Wasmtime version in use really raises for a fixture guest, so an update that rewords one fails here instead
/// of turning a clear error into "trapped: …". What the binding gives as data (exit status, frames, the host's own
/// exception) is checked as data.
/// </summary>
public sealed class WasmtimeWordingTests(RealWasmtimeErrors wasmtime) : IClassFixture<RealWasmtimeErrors>
{
    private static readonly Core.Security.SecurityPolicy Policy = RuntimeFixture.Policy;

    public static TheoryData<string, string, TrapCode> Traps => new()
    {
        { "fuel_burner", "{}", TrapCode.OutOfFuel },
        { "recursion", "{}", TrapCode.StackOverflow },
        { "deep_stack", "{}", TrapCode.MemoryOutOfBounds },
        { "trap", "{}", TrapCode.Unreachable },
        { "traps", "1", TrapCode.IntegerDivisionByZero },
        { "traps", "12", TrapCode.IntegerOverflow },
        { "traps", "123", TrapCode.BadConversionToInteger },
        { "traps", "1234", TrapCode.TableOutOfBounds },
        { "traps", "12345", TrapCode.IndirectCallToNull },
        { "traps", "123456", TrapCode.BadSignature },
    };

    [Theory]
    [MemberData(nameof(Traps))]
    public void TrapWording_RealTrapOfFixture_RecoversItsCode(string guest, string input, TrapCode code)
    {
        var policy = guest == "fuel_burner" ? Policy with { MaxFuel = 10_000_000 } : Policy;

        var error = wasmtime.Call(guest, input, policy);

        Assert.Equal(code, TrapCodes.FromCause(TrapClassifier.Cause(error.Message)));
    }

    [Fact]
    public void TrapWording_RealInterrupt_RecoversItsCode()
    {
        var error = wasmtime.Interrupt("loop");

        Assert.Equal(TrapCode.Interrupt, TrapCodes.FromCause(TrapClassifier.Cause(error.Message)));
    }

    [Fact]
    public void TrapWordings_EachOne_IsCheckedAgainstARealTrap()
    {
        var checkedCodes = Traps.Select(row => (TrapCode)row[2]).Append(TrapCode.Interrupt);

        Assert.Equal(TrapCodes.Recognized.Order(), checkedCodes.Distinct().Order());
    }

    // By name: HostError is internal, and a theory's data and parameters are public.
    public static TheoryData<string, string> HostErrors => new()
    {
        { "memory size", nameof(HostError.MemoryLimit) },
        { "table size", nameof(HostError.MemoryLimit) },
        { "memory count", nameof(HostError.MemoryLimit) },
        { "bad_utf8", nameof(HostError.InvalidUtf8) },
        { "bad_pointer", nameof(HostError.ResultOutOfBounds) },
        { "bad_discriminant", nameof(HostError.MalformedResult) },
        { "missing import", nameof(HostError.MissingImport) },
    };

    [Theory]
    [MemberData(nameof(HostErrors))]
    public void HostErrorWording_RealErrorOfFixture_IsRecognized(string source, string expected)
    {
        var error = source switch
        {
            "memory size" => wasmtime.Instantiate("echo", s => s.SetLimits(memorySize: 65_536)),
            "table size" => wasmtime.Instantiate("echo", s => s.SetLimits(tableElements: 0)),
            "memory count" => wasmtime.Instantiate("echo", s => s.SetLimits(memories: 0)),
            "missing import" => wasmtime.InstantiateUnlinked("unknown_import"),
            _ => wasmtime.Call(source),
        };

        var cause = TrapClassifier.Cause(error.Message);
        Assert.Null(TrapCodes.FromCause(cause));
        Assert.Equal(Enum.Parse<HostError>(expected), HostErrorWordings.Find(cause));
    }

    [Fact]
    public void HostErrorWordings_EachOne_IsCheckedAgainstARealError()
    {
        Assert.Equal(Enum.GetValues<HostError>().Order(), HostErrors.Select(row => Enum.Parse<HostError>((string)row[1])).Distinct().Order());
    }

    [Fact]
    public void Exit_RealExit_ComesAsAStatusNotText()
    {
        var error = wasmtime.Call("exit");

        // exit(3) reaches the host as WASI 0.2's failure status: the number itself is not carried.
        Assert.Equal(1, error.ExitCode);
        var classified = TrapClassifier.Classify("test.exit", error, Policy);
        Assert.Equal(ErrorKind.GuestFailed, classified.Kind);
        Assert.Contains("called exit (failure status)", classified.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Frames_RealTrap_ComeAsData()
    {
        var error = wasmtime.Call("deep_stack");

        // Wasmtime keeps the innermost frames only, so the fault address, not the depth, tells a stack overflow.
        Assert.NotNull(error.Frames);
        Assert.InRange(error.Frames.Count, 1, Backtrace.DeepRecursion - 1);
        Assert.True(Backtrace.LooksLikeStackOverflow(error));
        Assert.Equal(ResourceLimit.StackDepth, TrapClassifier.Classify("test.deep_stack", error, Policy).Limit);
    }
}
