using System.Text.Json.Serialization;

namespace Kami.Runtime.Tests.Infrastructure;

[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class HttpTestJson : JsonSerializerContext;
