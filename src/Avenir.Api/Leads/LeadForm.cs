using System.Text.Json;
using Avenir.Api.Validation;
using Microsoft.Extensions.Primitives;

namespace Avenir.Api.Leads;

/// <summary>
/// The fields of a lead post, whatever the encoding: JSON (an object), <c>application/x-www-form-urlencoded</c>
/// or <c>multipart/form-data</c> (what plain HTML forms send). Field names are case-insensitive.
/// </summary>
public sealed class LeadForm
{
    private LeadForm(Dictionary<string, string> fields) => Fields = fields;

    public IReadOnlyDictionary<string, string> Fields { get; }

    /// <summary>True for the encodings a plain HTML form sends (such a post may ask for a redirect).</summary>
    public bool FromHtmlForm { get; private init; }

    public string? this[string name] => Fields.TryGetValue(name, out var value) ? value : null;

    /// <summary>Reads the body, or the problem that stops it (415, 413, 400).</summary>
    public static async Task<Checked<LeadForm>> ReadAsync(HttpRequest request, int maxBodyBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBodyBytes)
        {
            return IntakeProblems.TooLarge(maxBodyBytes);
        }

        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBodyBytes; // also bounds chunked bodies that announce no length
        }

        try
        {
            if (request.HasJsonContentType())
            {
                return await ReadJsonAsync(request, cancellationToken);
            }

            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(cancellationToken);
                var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var (name, value) in form)
                {
                    fields[name] = Join(value);
                }

                return new LeadForm(fields) { FromHtmlForm = true };
            }

            return IntakeProblems.UnsupportedMediaType(request.ContentType);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return IntakeProblems.TooLarge(maxBodyBytes);
        }
        catch (InvalidDataException exception)
        {
            // Multipart limits (too many parts, a part too large) and bad boundaries.
            return IntakeProblems.MalformedBody(exception.Message);
        }
        catch (IOException exception) when (exception.InnerException is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return IntakeProblems.TooLarge(maxBodyBytes);
        }
        catch (IOException)
        {
            // A multipart body that ends before its closing boundary (or under another boundary than it declares).
            return IntakeProblems.MalformedBody("The multipart body ended before its closing boundary.");
        }
    }

    private static async Task<Checked<LeadForm>> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
        }
        catch (JsonException exception)
        {
            return IntakeProblems.MalformedBody($"The body is not valid JSON: {exception.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return IntakeProblems.MalformedBody("The JSON body must be an object of fields, e.g. {\"email\": \"…\", \"message\": \"…\"}.");
            }

            var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                // A name or a string that is not valid UTF-8, or escapes half a surrogate pair (\ud800), has no .NET string.
                if (!TryGetText(() => property.Name, out var name) || !TryGetText(() => Value(property.Value), out var value))
                {
                    return IntakeProblems.MalformedBody("A field name or value is not valid text: bytes that are not UTF-8, or a lone surrogate escape.");
                }

                fields[name] = value;
            }

            return new LeadForm(fields);
        }
    }

    private static string Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null => "",
        _ => value.GetRawText(), // numbers and booleans as written; nested objects and arrays are kept as JSON text
    };

    private static bool TryGetText(Func<string> read, [NotNullWhen(true)] out string? text)
    {
        try
        {
            text = read();
            return true;
        }
        catch (InvalidOperationException)
        {
            text = null;
            return false;
        }
    }

    private static string Join(StringValues values) => values.Count == 1 ? values[0] ?? "" : string.Join(", ", values.ToArray());
}
