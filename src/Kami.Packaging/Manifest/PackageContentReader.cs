using System.Text.RegularExpressions;
using Kami.Core.Errors;
using Kami.Core.Tools;
using K = Kami.Packaging.Manifest.ManifestKeys;

namespace Kami.Packaging.Manifest;

/// <summary>
/// Reads a package's <c>[[prompts]]</c> and <c>[[resources]]</c>: what it serves besides its tool. Every problem is an
/// error at its line: names, URIs (absolute, no script, file or data schemes), MIME types and base64 are checked here,
/// so nothing malformed reaches the registry or a client.
/// </summary>
internal static partial class PackageContentReader
{

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]{1,64}$")]
    private static partial Regex Name();

    [GeneratedRegex(@"^[a-z0-9.+\-]+/[a-z0-9.+\-]+$")]
    private static partial Regex MimeType();

    [GeneratedRegex(@"\{([A-Za-z0-9_]+)\}")]
    private static partial Regex Placeholder();

    internal static List<PackagePrompt> Prompts(List<TableReader> tables, string file, List<ManifestProblem> problems)
    {
        var result = new List<PackagePrompt>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            var name = table.String(K.Name, required: true);
            var description = table.String(K.Description, required: false) ?? "";
            var text = table.String(K.Text, required: true);
            var arguments = table.StringArray(K.Arguments) ?? [];
            var imageType = table.String(K.ImageMimeType, required: false);
            var image = table.String(K.ImageBase64, required: false);
            var resourceUri = table.String(K.ResourceUri, required: false);
            var resourceType = table.String(K.ResourceMimeType, required: false) ?? "text/plain";
            var resourceText = table.String(K.ResourceText, required: false);
            var askMessage = table.String(K.AskMessage, required: false);
            var askField = table.String(K.AskField, required: false);
            table.WarnUnknown(K.Prompt);
            if (name is null || text is null) continue;
            if (!Name().IsMatch(name)) { table.Error(K.Name, $"{table.Field(K.Name)} = \"{name}\" must be 1-64 letters, digits, '_', '-' or '.'"); continue; }
            if (!seen.Add(name)) { table.Error(K.Name, $"prompt \"{name}\" is declared twice"); continue; }
            foreach (var (argument, _) in arguments.Where(a => !Name().IsMatch(a.Value)))
                table.Error(K.Arguments, $"{table.Field(K.Arguments)} entry \"{argument}\" must be 1-64 letters, digits, '_', '-' or '.'");
            if ((imageType is null) != (image is null))
                table.Error(image is null ? K.ImageMimeType : K.ImageBase64, $"{K.ImageMimeType} and {K.ImageBase64} go together");
            else if (imageType is not null && !ClientContent.ImageTypes.Contains(imageType))
                table.Error(K.ImageMimeType, $"{table.Field(K.ImageMimeType)} = \"{imageType}\" is not one of {string.Join(", ", ClientContent.ImageTypes)}");
            else if (image is not null && !IsBase64(image))
                table.Error(K.ImageBase64, $"{table.Field(K.ImageBase64)} is not valid base64");
            if ((resourceUri is null) != (resourceText is null))
                table.Error(resourceUri is null ? K.ResourceUri : K.ResourceText, $"{K.ResourceUri} and {K.ResourceText} go together");
            // A URI made of arguments is checked when the prompt is got, once the arguments are in.
            else if (resourceUri is not null && !Placeholder().IsMatch(resourceUri) && ClientContent.UriProblem(resourceUri) is { } why)
                table.Error(K.ResourceUri, $"{table.Field(K.ResourceUri)} = \"{resourceUri}\" {why}");
            if ((askMessage is null) != (askField is null))
                table.Error(askMessage is null ? K.AskMessage : K.AskField, $"{K.AskMessage} and {K.AskField} go together");
            else if (askField is not null && (!Name().IsMatch(askField) || arguments.Any(a => a.Value == askField)))
                table.Error(K.AskField, $"{table.Field(K.AskField)} = \"{askField}\" must be a name (1-64 letters, digits, '_', '-', '.') that is not also an argument");
            if (!MimeType().IsMatch(resourceType)) table.Error(K.ResourceMimeType, $"{table.Field(K.ResourceMimeType)} = \"{resourceType}\" is not a MIME type");
            result.Add(new PackagePrompt(name, description, [.. arguments.Select(a => a.Value)], text)
            {
                Image = imageType is not null && image is not null ? (imageType, image) : null,
                Resource = resourceUri is not null && resourceText is not null ? (resourceUri, resourceType, resourceText) : null,
                Ask = askMessage is not null && askField is not null ? (askMessage, askField) : null,
            });
        }
        return result;
    }

    internal static List<PackageResource> Resources(List<TableReader> tables, string file, List<ManifestProblem> problems)
    {
        var result = new List<PackageResource>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            var uri = table.String(K.Uri, required: true);
            var name = table.String(K.Name, required: true);
            var description = table.String(K.Description, required: false) ?? "";
            var mime = table.String(K.MimeType, required: true);
            var text = table.String(K.Text, required: false);
            var blob = table.String(K.BlobBase64, required: false);
            table.WarnUnknown(K.Resource);
            if (uri is null || name is null || mime is null) continue;
            var template = uri.Contains('{');
            if (ClientContent.UriProblem(Placeholder().Replace(uri, "x")) is { } why) { table.Error(K.Uri, $"{table.Field(K.Uri)} = \"{uri}\" {why}"); continue; }
            if (!seen.Add(uri)) { table.Error(K.Uri, $"resource \"{uri}\" is declared twice"); continue; }
            if (!MimeType().IsMatch(mime)) table.Error(K.MimeType, $"{table.Field(K.MimeType)} = \"{mime}\" is not a MIME type");
            if ((text is null) == (blob is null)) table.Error(K.Text, $"a resource has exactly one of {K.Text} and {K.BlobBase64}");
            else if (template && blob is not null) table.Error(K.BlobBase64, "a resource template substitutes into text: give it text, not blob_base64");
            else if (blob is not null && !IsBase64(blob)) table.Error(K.BlobBase64, $"{table.Field(K.BlobBase64)} is not valid base64");
            result.Add(new PackageResource(uri, name, description, mime) { Text = text, BlobBase64 = blob });
        }
        return result;
    }


    private static bool IsBase64(string text)
    {
        var buffer = new byte[text.Length];
        return text.Length > 0 && Convert.TryFromBase64String(text, buffer, out _);
    }
}
