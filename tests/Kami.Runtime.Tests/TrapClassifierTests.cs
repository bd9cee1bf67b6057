using Kami.Core.Errors;
using Kami.Runtime.Tests.Infrastructure;
using Kami.Runtime.Wasm;
using Wasmtime;

namespace Kami.Runtime.Tests;

/// <summary>Table-driven: Wasmtime's wording of each failure becomes one error kind and a plain sentence.</summary>
public sealed class TrapClassifierTests
{
    private const string Backtrace = "error while executing at wasm backtrace:\n    0:  0x1a2 - <unknown>!run\n\nCaused by:\n    ";

    [Theory]
    [InlineData("wasm trap: all fuel consumed by WebAssembly", ErrorKind.LimitExceeded, "ran out of fuel")]
    [InlineData("wasm trap: call stack exhausted", ErrorKind.LimitExceeded, "maximum stack depth")]
    [InlineData("wasm trap: interrupt", ErrorKind.LimitExceeded, "time limit")]
    [InlineData("wasm trap: wasm `unreachable` instruction executed", ErrorKind.GuestTrapped, "unreachable executed")]
    [InlineData("wasm trap: out of bounds memory access", ErrorKind.GuestTrapped, "out-of-bounds memory access")]
    [InlineData("wasm trap: integer divide by zero", ErrorKind.GuestTrapped, "integer division by zero")]
    [InlineData("wasm trap: indirect call type mismatch", ErrorKind.GuestTrapped, "wrong signature")]
    [InlineData("invalid utf-8 sequence of 1 bytes from index 0", ErrorKind.GuestFailed, "not valid UTF-8")]
    [InlineData("string pointer/length out of bounds of memory", ErrorKind.GuestFailed, "outside its memory")]
    [InlineData("discriminant 7 out of range [0..2)", ErrorKind.GuestFailed, "malformed result")]
    [InlineData("memory minimum size of 2000 pages exceeds memory limits", ErrorKind.LimitExceeded, "max_memory_mb")]
    [InlineData("something new", ErrorKind.GuestTrapped, "trapped: something new")]
    public void Classify_WasmtimeWording_GivesKindAndPlainMessage(string cause, ErrorKind kind, string mention)
    {
        var error = TrapClassifier.Classify("test.x", new WasmtimeException(Backtrace + cause), RuntimeFixture.Policy);

        Assert.Equal(kind, error.Kind);
        Assert.Contains(mention, error.Message, StringComparison.Ordinal);
        Assert.Contains("test.x", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("backtrace", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("    1: memory fault at wasm address 0xfffffc00 in linear memory of size 0x20000\n    2: wasm trap: out of bounds memory access", true)]
    [InlineData("    1: memory fault at wasm address 0x30000 in linear memory of size 0x20000\n    2: wasm trap: out of bounds memory access", false)]
    public void Classify_OutOfBoundsBelowZero_IsCalledAStackOverflow(string cause, bool overflow)
    {
        var error = TrapClassifier.Classify("test.x", new WasmtimeException(Backtrace.Replace("Caused by:\n    ", "Caused by:\n") + cause), RuntimeFixture.Policy);

        Assert.Equal(overflow, error.Message.Contains("stack overflow", StringComparison.Ordinal));
    }

    [Fact]
    public void Classify_InterruptedByHost_ReportsTheHostsError()
    {
        var stop = ExecutionError.Of(ErrorKind.Cancelled, "call to tool test.x was cancelled");
        var wrapped = new WasmtimeException("error while executing", new GuestStoppedException(stop));

        Assert.Same(stop, TrapClassifier.Classify("test.x", wrapped, RuntimeFixture.Policy));
    }
}
