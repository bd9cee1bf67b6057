using Kami.Core.Security;
using Kami.Runtime.Contracts;
using Kami.Runtime.Wasm;
using Kami.TestCommon;
using Wasmtime;
using Wasmtime.Components;

namespace Kami.Runtime.Tests.Infrastructure;

/// <summary>
/// The errors Wasmtime itself raises for fixture guests, caught before KAMI classifies them, so a test can hold the
/// classifier's wording tables against the Wasmtime version in use rather than against copies of its text.
/// </summary>
public sealed class RealWasmtimeErrors : IDisposable
{
    private readonly WasmEngine _engine = new(new RuntimeOptions { MaxConcurrency = 1, PrepareInstances = false });
    private readonly ComponentLoader _loader;

    public RealWasmtimeErrors() => _loader = new ComponentLoader(_engine, TimeProvider.System);

    /// <summary>What calling <paramref name="guest"/>'s run with <paramref name="input"/> throws, made and run as a call is.</summary>
    internal WasmtimeException Call(string guest, string input = "{}", SecurityPolicy? policy = null)
    {
        var request = RuntimeFixture.Request(guest, input, policy);
        var component = Load(guest);
        var error = Assert.Throws<WasmtimeException>(() =>
        {
            using var fresh = FreshInstance.Create(_engine, component, request, CancellationToken.None);
            fresh.Start(request.ToolId, CancellationToken.None);
            fresh.Run!.Call(ComponentValue.String(input));
        });
        return error;
    }

    /// <summary>What instantiating <paramref name="guest"/> throws in a bare Store set up by <paramref name="setUp"/>.</summary>
    internal WasmtimeException Instantiate(string guest, Action<Store> setUp) => Instantiate(Load(guest).Component, setUp);

    /// <summary>
    /// What instantiating <paramref name="guest"/> with KAMI's linker throws when the guest imports what the linker
    /// lacks. Compiled straight from its bytes: the loader would refuse it first, by name.
    /// </summary>
    internal WasmtimeException InstantiateUnlinked(string guest)
    {
        using var component = Component.FromBytes(_engine.Engine, File.ReadAllBytes(RepoPaths.Fixture(guest + ".wasm")));
        return Instantiate(component, _ => { });
    }

    private WasmtimeException Instantiate(Component component, Action<Store> setUp)
    {
        using var store = new Store(_engine.Engine);
        store.SetWasiConfiguration(new WasiConfiguration());
        store.Fuel = ulong.MaxValue / 2;
        store.SetEpochDeadline(1_000_000);
        setUp(store);
        return Assert.Throws<WasmtimeException>(() => _engine.Linker.Instantiate(store, component));
    }

    /// <summary>What running <paramref name="guest"/> throws when its epoch deadline passes with no callback to decide (Wasmtime's own interrupt trap).</summary>
    internal WasmtimeException Interrupt(string guest)
    {
        var component = Load(guest);
        using var store = new Store(_engine.Engine);
        store.SetWasiConfiguration(new WasiConfiguration());
        store.Fuel = ulong.MaxValue / 2;
        store.SetEpochDeadline(1_000_000);
        var instance = _engine.Linker.Instantiate(store, component.Component);
        store.SetEpochDeadline(1); // the engine's ticker passes it within a tick
        var run = instance.GetFunction(ComponentLoader.ToolInterface, "run")!;
        return Assert.Throws<WasmtimeException>(() => run.Call(ComponentValue.String("{}")));
    }

    private LoadedComponent Load(string guest) =>
        _loader.Load("test." + guest, RepoPaths.Fixture(guest + ".wasm"), null, null, null, RuntimeFixture.Policy);

    public void Dispose() => _engine.Dispose();
}
