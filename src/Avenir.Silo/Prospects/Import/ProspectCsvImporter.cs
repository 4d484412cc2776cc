using System.Text.RegularExpressions;
using Avenir.Grains.Prospects;
using CsvHelper;

namespace Avenir.Silo.Prospects.Import;

/// <summary>
/// Imports a prospect list from CSV (CsvHelper): UTF-8 with or without a byte order mark, separated by
/// <c>,</c> or <c>;</c> (detected; Excel in French writes <c>;</c>), headers in English or French
/// (<see cref="ProspectCsvColumns"/>). A row is imported when its website names a domain and its fields are
/// readable; otherwise each of its problems is reported with its line number and the other rows still import.
/// </summary>
public sealed partial class ProspectCsvImporter(TimeProvider time)
{
    /// <summary>The most rows one import reads (a larger list is split by the agency).</summary>
    public const int MaxRows = 50_000;

    /// <summary>Reads <paramref name="csv"/> to its end.</summary>
    public async Task<ProspectCsvImport> ImportAsync(Stream csv, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var errors = new List<ProspectCsvError>();
        var records = new List<ProspectSourceRecord>();
        var options = CsvReaderOptions.Default with
        {
            TrackLineNumbers = true,
            TrimWhitespace = true,
            SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            OnMalformedRecord = malformed =>
                errors.Add(new ProspectCsvError(malformed.LineNumber, null, $"malformed row ({Describe(malformed.Reason)}); not imported")),
        };
        await using var reader = CsvReader.Create(csv, options, leaveOpen: true);
        await reader.ReadHeaderAsync(cancellationToken);
        var headers = reader.Headers;
        var columns = new Dictionary<ProspectCsvField, (int Index, string Header)>();
        for (var i = 0; i < headers.Count; i++)
        {
            if (ProspectCsvColumns.Recognise(headers[i]) is { } field && !columns.ContainsKey(field))
            {
                columns[field] = (i, headers[i]);
            }
        }

        if (!columns.ContainsKey(ProspectCsvField.Website))
        {
            errors.Add(new ProspectCsvError(1, null, "no website column (website, site_web, url, domaine…): the website is what identifies a prospect"));
            return new ProspectCsvImport([], errors, 0, reader.Separator);
        }

        var seenAt = time.GetUtcNow();
        var rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            if (++rows > MaxRows)
            {
                errors.Add(new ProspectCsvError(reader.LineNumber, null, $"more than {MaxRows} rows: the rest of the file was not read"));
                rows--;
                break;
            }

            var line = reader.LineNumber;
            string? Field(ProspectCsvField field) =>
                columns.TryGetValue(field, out var column) && column.Index < reader.FieldCount ? Clean(reader.GetString(column.Index)) : null;
            void Error(ProspectCsvField field, string message) => errors.Add(new ProspectCsvError(line, columns[field].Header, message));

            var rowErrors = errors.Count;
            var website = Field(ProspectCsvField.Website);
            ProspectDomain domain = default;
            if (website is null)
            {
                Error(ProspectCsvField.Website, "website is empty");
            }
            else if (!ProspectDomain.TryParse(website, out domain))
            {
                Error(ProspectCsvField.Website, $"'{website}' is not a website address");
            }

            var (count, range) = ParseEmployees(Field(ProspectCsvField.Employees), out var employeesValid);
            if (!employeesValid)
            {
                Error(ProspectCsvField.Employees, $"'{Field(ProspectCsvField.Employees)}' is not a number of employees (write 12 or 11-50)");
            }

            var email = Field(ProspectCsvField.Email);
            if (email is not null && !EmailShape().IsMatch(email))
            {
                Error(ProspectCsvField.Email, $"'{email}' is not an e-mail address");
            }

            // CASL evidence only when the list really says where and when the address was published: never a guessed page or date.
            var emailSource = Field(ProspectCsvField.EmailSourceUrl);
            var emailSeenText = Field(ProspectCsvField.EmailSeenAt);
            DateTimeOffset? emailSeenAt = null;
            if (emailSource is not null && (!Uri.TryCreate(emailSource, UriKind.Absolute, out var page) || (page.Scheme != "https" && page.Scheme != "http")))
            {
                Error(ProspectCsvField.EmailSourceUrl, $"'{emailSource}' is not an http(s) page address");
            }

            if (emailSeenText is not null)
            {
                if (DateTimeOffset.TryParse(emailSeenText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var seen) && seen <= seenAt)
                {
                    emailSeenAt = seen.ToUniversalTime();
                }
                else
                {
                    Error(ProspectCsvField.EmailSeenAt, $"'{emailSeenText}' is not a past date (write 2026-10-14)");
                }
            }

            if ((emailSource is null) != (emailSeenText is null) || (emailSource is not null && email is null))
            {
                var field = emailSource is null ? ProspectCsvField.EmailSeenAt : ProspectCsvField.EmailSourceUrl;
                Error(field, "the page an e-mail was published on needs the e-mail, its page and the date it was seen there");
            }

            var languageText = Field(ProspectCsvField.Language);
            var language = ParseLanguage(languageText);
            if (languageText is not null && language is null)
            {
                Error(ProspectCsvField.Language, $"'{languageText}' is not a language (en, fr, English, Français)");
            }

            if (errors.Count > rowErrors)
            {
                continue;
            }

            records.Add(new ProspectSourceRecord(
                ProspectSources.Csv,
                domain,
                seenAt,
                Name: Field(ProspectCsvField.Name),
                Website: website,
                Industry: Field(ProspectCsvField.Industry)?.ToLowerInvariant(),
                EmployeeCount: count,
                SizeRange: range,
                City: Field(ProspectCsvField.City),
                Region: Field(ProspectCsvField.Region),
                Country: Field(ProspectCsvField.Country),
                Language: language,
                Description: Field(ProspectCsvField.Description),
                LinkedInUrl: Field(ProspectCsvField.LinkedIn),
                Phone: Field(ProspectCsvField.Phone),
                Email: email,
                ContactName: Field(ProspectCsvField.ContactName),
                EmailSourceUrl: emailSource,
                EmailSeenAt: emailSeenAt));
        }

        return new ProspectCsvImport(records, errors.OrderBy(e => e.Line).ToList(), rows, reader.Separator);
    }

    /// <summary>"12" → (12, null); "11-50" or "11 à 50" → (null, "11-50"); "" → (null, null).</summary>
    internal static (int? Count, string? Range) ParseEmployees(string? text, out bool valid)
    {
        valid = true;
        if (text is null)
        {
            return (null, null);
        }

        var compact = text.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\u00A0", string.Empty, StringComparison.Ordinal);
        if (int.TryParse(compact, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var count) && count >= 0)
        {
            return (count, null);
        }

        var match = EmployeeRange().Match(text);
        if (match.Success)
        {
            var low = int.Parse(match.Groups["low"].Value, CultureInfo.InvariantCulture);
            return match.Groups["high"].Success
                ? (null, $"{low}-{int.Parse(match.Groups["high"].Value, CultureInfo.InvariantCulture)}")
                : (null, $"{low}+");
        }

        valid = false;
        return (null, null);
    }

    /// <summary>en/fr from a code or a language name in either language.</summary>
    internal static string? ParseLanguage(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null => null,
        "en" or "eng" or "english" or "anglais" => "en",
        "fr" or "fra" or "fre" or "french" or "français" or "francais" => "fr",
        _ => null,
    };

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "a stray quote",
        CsvMalformedReason.TextAfterClosingQuote => "text after a closing quote",
        CsvMalformedReason.UnterminatedQuote => "a quote that is never closed",
        CsvMalformedReason.LineBreakInQuotes => "a line break inside quotes",
        CsvMalformedReason.FieldCountMismatch => "a different number of columns than the header",
        _ => reason.ToString(),
    };

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailShape();

    [GeneratedRegex(@"^\s*(?<low>\d+)\s*(?:(?:-|–|à|to|a)\s*(?<high>\d+)|\+)\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex EmployeeRange();
}
