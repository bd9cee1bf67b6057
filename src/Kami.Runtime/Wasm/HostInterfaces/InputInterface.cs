using Kami.Runtime.Contracts;
using Wasmtime.Components;

namespace Kami.Runtime.Wasm.HostInterfaces;

/// <summary>
/// The <c>kami:mcp/input@0.1.0</c> interface (wit/mcp.wit): a guest asks the client for input (elicitation, sampling,
/// roots) by key. An answered key returns the client's response; an unanswered one is recorded in the round's
/// <see cref="InputSession"/> and returns none, and the host answers the round with every such request (MCP's
/// input_required result). The guest runs again from the start with the answers. It grants no access to anything.
/// </summary>
internal sealed class InputInterface : HostInterface
{
    public const string Interface = "kami:mcp/input@0.1.0";

    public override string Name => Interface;

    public override bool Provides(string import) => import.StartsWith("kami:mcp/input@0.1.", StringComparison.Ordinal);

    public override void Define(ComponentLinker linker, HostServices services)
    {
        using var root = linker.Root();
        using var input = root.AddInstance(Interface);
        input.DefineFunction("request", (args, results) => results[0] = Request(args[0].AsString(), args[1].AsString(), args[2].AsString()));
        input.DefineFunction("keep", (args, results) => results[0] = Keep(args[0].AsString()));
        input.DefineFunction("kept", (_, results) => results[0] = CallContext.Current?.Input?.Kept is { } kept
            ? ComponentValue.Some(ComponentValue.String(kept)) : ComponentValue.None());
    }

    private static ComponentValue Request(string key, string method, string paramsJson)
    {
        if ((InputRules.KeyRefusal(key) ?? InputRules.MethodRefusal(method)) is { } invalid) return Refused(invalid);
        if (CallContext.Current?.Input is not { } session) return Refused("this call cannot ask for input: it does not come from an MCP client that answers input requests");
        if (session.Answers.TryGetValue(key, out var answer)) return ComponentValue.Ok(ComponentValue.Some(ComponentValue.String(answer)));
        if (!session.SupportedMethods.Contains(method)) return Refused($"the client did not declare that it answers {method}");
        if (InputRules.ParamsRefusal(paramsJson) is { } badParams) return Refused(badParams);
        if (!session.TryAddPending(new PendingInput(key, method, paramsJson)))
            return Refused($"at most {InputSession.MaxPending} input requests per round, each key once");
        return ComponentValue.Ok(ComponentValue.None());
    }

    private static ComponentValue Keep(string state)
    {
        if (InputRules.KeptRefusal(state) is { } tooBig) return Refused(tooBig);
        if (CallContext.Current?.Input is not { } session) return Refused("this call cannot keep state between rounds: it cannot ask for input");
        session.KeepNext = state;
        return ComponentValue.Ok();
    }

    private static ComponentValue Refused(string why) => ComponentValue.Err(ComponentValue.String(why));
}
