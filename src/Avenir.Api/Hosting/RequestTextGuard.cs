using System.Text;
using Avenir.Api.Leads;
using Avenir.Api.Validation;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Avenir.Api.Hosting;

/// <summary>
/// Text a request carries outside its fields that the application could neither store nor decode, refused before
/// any endpoint reads it: a query parameter holding a NUL (<c>%00</c> passes Kestrel, which refuses one only in the
/// path; PostgreSQL then fails the query: 22021) is 400 <c>invalid_text</c> naming the parameter, and a JSON body
/// declared in a charset .NET does not know is 415 (the JSON readers would throw, which the exception handler
/// answers 500).
/// </summary>
public sealed class RequestTextGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        foreach (var (name, values) in http.Request.Query)
        {
            if (!StorableText.IsStorable(name) || values.Any(value => !StorableText.IsStorable(value)))
            {
                await IntakeProblems.Problem(StatusCodes.Status400BadRequest, "invalid_text", "Invalid text",
                    $"Query parameter '{Shown(name)}' {StorableText.Refusal}.").ExecuteAsync(http);
                return;
            }
        }

        if (UndecodableJsonCharset(http) is { } charset)
        {
            await IntakeProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", "Unsupported media type",
                $"The charset '{Shown(charset)}' is not one this API can read: send JSON as UTF-8.").ExecuteAsync(http);
            return;
        }

        await next(http);
    }

    /// <summary>The charset of a JSON body when it names no encoding .NET has (as <c>ReadFromJsonAsync</c> would find), else null.</summary>
    private static string? UndecodableJsonCharset(HttpContext http)
    {
        if (http.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false }
            || !MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type)
            || !type.MediaType.EndsWith("json", StringComparison.OrdinalIgnoreCase)
            || type.Charset is not { HasValue: true } charset
            || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            _ = Encoding.GetEncoding(charset.ToString());
            return null;
        }
        catch (ArgumentException)
        {
            return charset.ToString();
        }
    }

    private static string Shown(string value)
    {
        var shown = value.Replace("\0", "%00", StringComparison.Ordinal);
        return shown.Length <= 100 ? shown : shown[..100] + "…";
    }
}
