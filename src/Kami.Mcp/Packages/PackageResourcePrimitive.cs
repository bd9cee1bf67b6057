using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kami.Core.Registry;
using Kami.Core.Tools;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Kami.Mcp.Packages;

/// <summary>
/// One <c>[[resources]]</c> entry of an installed package as an MCP resource, or a resource template whose
/// <c>{name}</c> segments (one path segment each) are put into its text. JSON text gets the values JSON-escaped, so a
/// URI cannot change the document's shape. The content is what the package shipped.
/// </summary>
internal sealed class PackageResourcePrimitive : McpServerResource
{
    private readonly PackageResource _resource;
    private readonly Regex? _pattern;
    private readonly string[] _names;

    public PackageResourcePrimitive(InstalledTool tool, PackageResource resource)
    {
        Installed = tool;
        _resource = resource;
        ProtocolResourceTemplate = new ResourceTemplate { UriTemplate = resource.Uri, Name = resource.Name, Description = resource.Description, MimeType = resource.MimeType };
        _names = [.. Regex.Matches(resource.Uri, @"\{([A-Za-z0-9_]+)\}").Select(m => m.Groups[1].Value)];
        if (resource.IsTemplate)
        {
            var pattern = Regex.Replace(Regex.Escape(resource.Uri), @"\\\{([A-Za-z0-9_]+)}", "([^/?#]+)");
            _pattern = new Regex("^" + pattern + "$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        }
    }

    public InstalledTool Installed { get; }

    public override ResourceTemplate ProtocolResourceTemplate { get; }

    public override Resource? ProtocolResource => _resource.IsTemplate ? null
        : new Resource { Uri = _resource.Uri, Name = _resource.Name, Description = _resource.Description, MimeType = _resource.MimeType };

    public override IReadOnlyList<object> Metadata => [];

    public override bool IsMatch(string uri) => _pattern is null ? uri == _resource.Uri : _pattern.IsMatch(uri);

    public override ValueTask<ReadResourceResult> ReadAsync(RequestContext<ReadResourceRequestParams> request, CancellationToken cancellationToken = default)
    {
        var uri = request.Params?.Uri ?? _resource.Uri;
        ResourceContents contents = _resource.BlobBase64 is { } blob
            ? new BlobResourceContents { Uri = uri, MimeType = _resource.MimeType, Blob = Encoding.ASCII.GetBytes(blob) }
            : new TextResourceContents { Uri = uri, MimeType = _resource.MimeType, Text = Text(uri) };
        return ValueTask.FromResult(new ReadResourceResult { Contents = [contents] });
    }

    private string Text(string uri)
    {
        var text = _resource.Text ?? "";
        if (_pattern?.Match(uri) is not { Success: true } match)
            return _pattern is null ? text : throw new McpProtocolException($"resource not found: {uri}", McpErrorCode.ResourceNotFound);
        var json = _resource.MimeType.EndsWith("json", StringComparison.OrdinalIgnoreCase);
        for (var i = 0; i < _names.Length; i++)
        {
            var value = Uri.UnescapeDataString(match.Groups[i + 1].Value);
            // Inside a JSON string the value is escaped (without its quotes), so it stays one string.
            if (json) value = JsonSerializer.Serialize(value, PackageJson.Default.String)[1..^1];
            text = text.Replace("{" + _names[i] + "}", value, StringComparison.Ordinal);
        }
        return text;
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class PackageJson : System.Text.Json.Serialization.JsonSerializerContext;
