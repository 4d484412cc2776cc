using System.Net.Http.Json;

namespace Avenir.Api.Tests.Leads;

/// <summary>Builds lead posts the way websites send them.</summary>
public static class IntakeRequests
{
    /// <summary>Sends a request built here once, then disposes it (its content with it).</summary>
    public static async Task<HttpResponseMessage> SendOnceAsync(this HttpClient http, HttpRequestMessage request)
    {
        using (request)
        {
            return await http.SendAsync(request);
        }
    }

    public static object Lead(
        string message = "Bonjour, je voudrais un rendez-vous pour un nettoyage la semaine prochaine.", string email = "julie@example.ca") =>
        new { name = "Julie Roy", email, message, phone = "438-555-0199", utm_source = "google" };

    public static HttpRequestMessage Json(object body, string? apiKey, string? idempotencyKey = null, string? origin = null, string path = "/api/lead")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return request;
    }

    public static HttpRequestMessage Form(IEnumerable<KeyValuePair<string, string>> fields, string? origin = null, string path = "/api/lead") =>
        WithOrigin(new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) }, origin);

    public static HttpRequestMessage Multipart(IEnumerable<KeyValuePair<string, string>> fields, string? origin = null, string path = "/api/lead")
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        return WithOrigin(new HttpRequestMessage(HttpMethod.Post, path) { Content = content }, origin);
    }

    public static Dictionary<string, string> FormFields(string key, string message = "Hello, do you repair flat roofs? Ours leaks near the chimney.") => new()
    {
        ["key"] = key,
        ["name"] = "Mark Stevens",
        ["email"] = "mark@example.com",
        ["message"] = message,
        ["service"] = "roofing",
    };

    private static HttpRequestMessage WithOrigin(HttpRequestMessage request, string? origin)
    {
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return request;
    }
}
