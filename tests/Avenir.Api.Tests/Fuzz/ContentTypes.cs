namespace Avenir.Api.Tests.Fuzz;

/// <summary>Content-Type values a JSON endpoint should take, and ones it must refuse (415 or 400), including unknown charsets.</summary>
public static class ContentTypes
{
    public const string Json = "application/json";

    public static readonly string[] Accepted = [Json, "application/json; charset=utf-8", "application/json; charset=UTF-8", "text/json"];

    public static readonly string[] Wrong =
    [
        "text/plain", "application/xml", "application/octet-stream", "application/x-www-form-urlencoded", "multipart/form-data",
        "application/json; charset=nope", "application/json; charset=utf-16", "application/json; charset=iso-8859-1", "application/*", "garbage",
        "application/json, text/plain", ";", "", "application/json; charset=", "application/json;;;", "application/vnd.api+json",
        "application/problem+json", "application/json; boundary=x",
    ];

    /// <summary>A content type for a JSON body: usually a right one, sometimes a wrong one or none (null).</summary>
    public static string? ForJson(Random random, List<string> mutations)
    {
        if (random.Chance(0.9))
        {
            return random.Chance(0.8) ? Json : random.Pick(Accepted);
        }

        var wrong = random.Chance(0.1) ? null : random.Pick(Wrong);
        mutations.Add($"content type '{wrong ?? "(none)"}'");
        return wrong;
    }
}
