using System.Net.Mail;

namespace Avenir.Contracts.Prospects;

/// <summary>The CASL bases a prospect's address may be emailed on (<c>prospect_consent.basis_kind</c>).</summary>
public static class ProspectConsentKinds
{
    /// <summary>Implied by conspicuous publication (s. 10(9)(b)): needs the page URL and the date it was seen.</summary>
    public const string ConspicuousPublication = "conspicuous_publication";

    /// <summary>Express consent (s. 10(1)): needs how and when it was given, and the evidence.</summary>
    public const string ExpressConsent = "express_consent";

    /// <summary>Implied by an existing business relationship (s. 10(10)): a purchase or contract, or an inquiry.</summary>
    public const string ExistingBusinessRelationship = "existing_business_relationship";

    public static readonly IReadOnlyList<string> All = [ConspicuousPublication, ExpressConsent, ExistingBusinessRelationship];

    /// <summary>The methods each kind takes (express: how it was given; relationship: its kind); publication takes none.</summary>
    public static IReadOnlyList<string> Methods(string kind) => kind switch
    {
        ExpressConsent => ["web_form", "email", "written", "oral"],
        ExistingBusinessRelationship => ["purchase_or_contract", "inquiry"],
        _ => [],
    };
}

/// <summary>
/// One piece of consent evidence to record for a prospect's address (<see cref="IProspectGrain.RecordConsentAsync"/>).
/// </summary>
/// <param name="SeenAt">When the address was seen on <paramref name="SourceUrl"/>, the consent given, or the relationship began.</param>
/// <param name="Note">The evidence (express, relationship) or why the message is relevant to the business (publication).</param>
/// <param name="RecordedBy">The admin's email, <c>development seed</c>, or the import.</param>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Prospects.ProspectConsentEvidence")]
public sealed record ProspectConsentEvidence(
    [property: Id(0)] string Kind,
    [property: Id(1)] string EmailAddress,
    [property: Id(2)] string? SourceUrl,
    [property: Id(3)] DateTimeOffset SeenAt,
    [property: Id(4)] string? Method,
    [property: Id(5)] bool PageRefusesUnsolicitedEmail,
    [property: Id(6)] string Note,
    [property: Id(7)] string RecordedBy);

/// <summary>A recorded piece of evidence (null from the grain when no source has named the prospect).</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Prospects.ProspectConsentRecorded")]
public sealed record ProspectConsentRecorded([property: Id(0)] Guid Id, [property: Id(1)] Guid ProspectId, [property: Id(2)] DateTimeOffset CreatedAt);

/// <summary>The shape rules of <see cref="ProspectConsentEvidence"/>, shared by the admin API (400 naming the field) and the grain.</summary>
public static class ProspectConsentValidation
{
    public const int MaxNoteLength = 2000;
    public const int MaxUrlLength = 2048;

    /// <summary>Problems by field (camelCase, as the API names them); empty when the evidence may be recorded.</summary>
    public static IReadOnlyDictionary<string, string[]> Validate(ProspectConsentEvidence evidence, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!ProspectConsentKinds.All.Contains(evidence.Kind))
        {
            errors["kind"] = [$"kind is one of {string.Join(", ", ProspectConsentKinds.All)}."];
            return errors;
        }

        foreach (var (field, text) in new[]
                 {
                     ("emailAddress", evidence.EmailAddress), ("sourceUrl", evidence.SourceUrl), ("method", evidence.Method),
                     ("note", evidence.Note), ("recordedBy", evidence.RecordedBy),
                 })
        {
            if (!IsStorable(text))
            {
                errors[field] = [$"{field} holds a NUL or an unpaired surrogate: text PostgreSQL cannot store."];
            }
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        if (!IsAddress(evidence.EmailAddress))
        {
            errors["emailAddress"] = ["emailAddress is the one address the basis covers (consent is per address)."];
        }

        var hasUrl = !string.IsNullOrWhiteSpace(evidence.SourceUrl);
        if (hasUrl && (evidence.SourceUrl!.Length > MaxUrlLength
                       || !Uri.TryCreate(evidence.SourceUrl, UriKind.Absolute, out var url)
                       || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)))
        {
            errors["sourceUrl"] = [$"sourceUrl is an absolute http(s) URL of at most {MaxUrlLength} characters."];
        }
        else if (!hasUrl && evidence.Kind == ProspectConsentKinds.ConspicuousPublication)
        {
            errors["sourceUrl"] = ["A conspicuous publication needs the page the address was published on (sourceUrl)."];
        }

        if (evidence.SeenAt == default)
        {
            errors["seenAt"] = ["seenAt is when the address was seen, the consent given or the relationship began."];
        }
        else if (evidence.SeenAt > now)
        {
            errors["seenAt"] = ["seenAt cannot be after now."];
        }

        var methods = ProspectConsentKinds.Methods(evidence.Kind);
        if (methods.Count == 0 && evidence.Method is not null)
        {
            errors["method"] = [$"{evidence.Kind} takes no method."];
        }
        else if (methods.Count > 0 && (evidence.Method is null || !methods.Contains(evidence.Method)))
        {
            errors["method"] = [$"method is one of {string.Join(", ", methods)} for {evidence.Kind}."];
        }

        if (string.IsNullOrWhiteSpace(evidence.Note) || evidence.Note.Length > MaxNoteLength)
        {
            errors["note"] = [evidence.Kind == ProspectConsentKinds.ConspicuousPublication
                ? $"note says why the message is relevant to the business's role (1 to {MaxNoteLength} characters)."
                : $"note is the evidence: the form submission, the email that says yes, the purchase (1 to {MaxNoteLength} characters)."];
        }

        if (string.IsNullOrWhiteSpace(evidence.RecordedBy) || evidence.RecordedBy.Length > 320)
        {
            errors["recordedBy"] = ["recordedBy names who recorded it (at most 320 characters)."];
        }

        return errors;
    }

    private static bool IsAddress(string? address) =>
        !string.IsNullOrWhiteSpace(address) && address.Length <= 320 && !address.Any(char.IsWhiteSpace) && address.Count(c => c == '@') == 1
        && address.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < address.Length - 1
        && MailAddress.TryCreate(address, out var parsed) && parsed.Address == address;

    private static bool IsStorable(string? text)
    {
        if (text is null)
        {
            return true;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\0' || char.IsLowSurrogate(text[i]))
            {
                return false;
            }

            if (char.IsHighSurrogate(text[i]))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
            }
        }

        return true;
    }
}
