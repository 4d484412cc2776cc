namespace Avenir.Api.Outreach;

/// <summary>
/// The RFC 9457 answers of the public tracking endpoints. A token that is garbage, tampered with, expired, of another
/// purpose or for an email that no longer exists gets the same 404: the answer never says which, so it teaches a
/// forger nothing.
/// </summary>
public static class TrackingProblems
{
    public static ProblemHttpResult NotFound() => Problem(StatusCodes.Status404NotFound, "tracking_link_not_found", "Link not found",
        "This link is not valid.");

    public static ProblemHttpResult OneClickBodyRequired() => Problem(StatusCodes.Status400BadRequest, "one_click_body_required",
        "One-click body required",
        "Unsubscribing by POST needs the form body List-Unsubscribe=One-Click (RFC 8058).");

    public static ProblemHttpResult UnsupportedMediaType() => Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type",
        "Unsupported media type", "Send the body as application/x-www-form-urlencoded or multipart/form-data (RFC 8058).");

    private static ProblemHttpResult Problem(int status, string code, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title, type: $"https://avenir.dev/problems/{code}",
            extensions: new Dictionary<string, object?> { ["code"] = code });
}
