using System.Text;

namespace Avenir.Api.Dashboard;

/// <summary>
/// CSV per RFC 4180 (comma, CRLF, fields with a comma, quote, CR or LF quoted with doubled quotes), made safe
/// for spreadsheets: a text cell starting with <c>= + - @</c> (or tab / CR) is prefixed with <c>'</c> so
/// it is never read as a formula (OWASP "CSV injection").
/// </summary>
public static class LeadCsv
{
    public static readonly string[] Header =
    [
        "id", "received_at", "name", "email", "phone", "company", "language", "intent", "urgency", "tone", "confidence", "tag",
        "status", "converted", "summary", "message",
    ];

    public static string Line(IEnumerable<string?> cells) => string.Join(',', cells.Select(Field)) + "\r\n";

    public static string Line(LeadQueries.ExportRow row) => Line(
    [
        row.Id.ToString(),
        row.ReceivedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        Text(row.Name), Text(row.Email), Text(row.Phone), Text(row.Company), row.Language, row.Intent, row.Urgency, row.Tone,
        row.Confidence?.ToString("0.00", CultureInfo.InvariantCulture),
        Text(row.Tag),
        row.Deleted ? "deleted" : row.Archived ? "archived" : "active",
        row.Converted ? "true" : "false",
        Text(row.Summary), Text(row.Message),
    ]);

    /// <summary>Neutralises a user-supplied text cell that a spreadsheet would evaluate.</summary>
    public static string? Text(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    private static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? new StringBuilder(value.Length + 2).Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"').ToString()
            : value;
    }
}
