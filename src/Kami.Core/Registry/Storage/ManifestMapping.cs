using System.Text.Json;
using Kami.Core.Security;
using Kami.Core.Tools;

namespace Kami.Core.Registry.Storage;

internal static class ManifestMapping
{
    public static string ToJson(ToolManifest m) => JsonSerializer.Serialize(new ManifestDocument
    {
        Id = m.Id.Value,
        Name = m.Name,
        Version = m.Version.ToString(),
        Wasm = m.WasmPath,
        Description = m.Description,
        AdditionalArguments = m.AllowsAdditionalArguments,
        OutputSchema = m.OutputSchema,
        Arguments = m.Arguments.Select(a => new ArgumentDocument
        {
            Name = a.Name, Type = a.Type.ToSchemaName(), Description = a.Description, Required = a.Required,
        }).ToList(),
        Security = new PolicyDocument
        {
            NetAllowList = [.. m.Security.NetAllowList],
            FsAccess = m.Security.FsAccess.ToManifestName(),
            EnvAllowList = [.. m.Security.EnvAllowList],
            MaxMemoryMb = m.Security.MaxMemoryMb,
            MaxExecutionMs = m.Security.MaxExecutionMs,
            MaxFuel = m.Security.MaxFuel,
        },
        Prompts = m.Prompts.Count == 0 ? null : [.. m.Prompts.Select(p => new PromptDocument
        {
            Name = p.Name, Description = p.Description, Arguments = [.. p.Arguments], Text = p.Text,
            ImageMimeType = p.Image?.MimeType, ImageBase64 = p.Image?.Base64,
            ResourceUri = p.Resource?.Uri, ResourceMimeType = p.Resource?.MimeType, ResourceText = p.Resource?.Text,
            AskMessage = p.Ask?.Message, AskField = p.Ask?.Field,
        })],
        Resources = m.Resources.Count == 0 ? null : [.. m.Resources.Select(r => new ResourceDocument
        {
            Uri = r.Uri, Name = r.Name, Description = r.Description, MimeType = r.MimeType, Text = r.Text, BlobBase64 = r.BlobBase64,
        })],
    }, RegistryJsonContext.Default.ManifestDocument);

    public static ToolManifest FromJson(string json)
    {
        var d = JsonSerializer.Deserialize(json, RegistryJsonContext.Default.ManifestDocument)
            ?? throw new InvalidDataException("empty manifest record");
        var s = d.Security;
        FsAccessNames.TryParse(s.FsAccess, out var fs);
        return new ToolManifest(
            ToolId.Parse(d.Id),
            d.Name,
            ToolVersion.Parse(d.Version),
            d.Wasm,
            d.Description,
            d.Arguments.Select(a => new ToolArgument(a.Name, ArgumentTypes.TryParse(a.Type, out var t) ? t : ArgumentType.String, a.Description, a.Required)).ToList(),
            new SecurityPolicy
            {
                NetAllowList = s.NetAllowList,
                FsAccess = fs,
                EnvAllowList = s.EnvAllowList,
                MaxMemoryMb = s.MaxMemoryMb > 0 ? s.MaxMemoryMb : SecurityPolicy.DefaultMaxMemoryMb,
                MaxExecutionMs = s.MaxExecutionMs > 0 ? s.MaxExecutionMs : SecurityPolicy.DefaultMaxExecutionMs,
                MaxFuel = s.MaxFuel > 0 ? s.MaxFuel : SecurityPolicy.DefaultMaxFuel,
            })
        {
            AllowsAdditionalArguments = d.AdditionalArguments,
            OutputSchema = d.OutputSchema,
            Prompts = [.. (d.Prompts ?? []).Select(p => new PackagePrompt(p.Name, p.Description, p.Arguments, p.Text)
            {
                Image = p.ImageBase64 is { } image ? (p.ImageMimeType ?? "", image) : null,
                Resource = p.ResourceUri is { } uri ? (uri, p.ResourceMimeType ?? "text/plain", p.ResourceText ?? "") : null,
                Ask = p.AskMessage is { } ask && p.AskField is { } field ? (ask, field) : null,
            })],
            Resources = [.. (d.Resources ?? []).Select(r => new PackageResource(r.Uri, r.Name, r.Description, r.MimeType) { Text = r.Text, BlobBase64 = r.BlobBase64 })],
        };
    }
}
