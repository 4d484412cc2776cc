namespace Avenir.Grains.Outreach.Consent;

/// <summary>Whether an email may be sent, and if not, why (a machine code and a sentence for the reviewer).</summary>
public sealed record ConsentDecision(bool Allowed, string Code, string Reason)
{
    internal static ConsentDecision Allow(string code, string reason) => new(true, code, reason);

    internal static ConsentDecision Refuse(string code, string reason) => new(false, code, reason);
}

/// <summary>What else is known about the recipient at send time.</summary>
/// <param name="Unsubscribed">The recipient used an unsubscribe link or asked not to be emailed: honoured at once and forever.</param>
/// <param name="OnDoNotContactList">The address or its domain is on the agency's do-not-contact list.</param>
public sealed record RecipientSuppression(bool Unsubscribed, bool OnDoNotContactList)
{
    public static readonly RecipientSuppression None = new(false, false);
}

/// <summary>
/// The pure CASL gate run before every send (the first one and each follow-up): no basis, an unsubscribed or
/// do-not-contact recipient, a basis for another address, a refusal on the page, a lapsed relationship: refused.
/// </summary>
public static class ConsentCheck
{
    /// <summary>CASL s. 10(10)(a)–(b): two years after a purchase or contract.</summary>
    public static readonly TimeSpan PurchasePeriod = TimeSpan.FromDays(2 * 365);

    /// <summary>CASL s. 10(10)(c)–(d): six months after an inquiry (taken as 182 days).</summary>
    public static readonly TimeSpan InquiryPeriod = TimeSpan.FromDays(182);

    /// <summary>
    /// How old a sighting of a published address may be. CASL sets none; a sighting over a year old may no longer be
    /// true (the page changed, the refusal notice was added), so Avenir asks for the page to be seen again.
    /// </summary>
    public static readonly TimeSpan DefaultPublicationMaxAge = TimeSpan.FromDays(365);

    public static ConsentDecision Evaluate(
        ConsentBasis? basis,
        string recipientAddress,
        RecipientSuppression suppression,
        DateTimeOffset now,
        TimeSpan? publicationMaxAge = null)
    {
        ArgumentNullException.ThrowIfNull(suppression);
        if (suppression.Unsubscribed)
        {
            return ConsentDecision.Refuse("unsubscribed", "The recipient unsubscribed; CASL requires that to be honoured permanently.");
        }

        if (suppression.OnDoNotContactList)
        {
            return ConsentDecision.Refuse("do_not_contact", "The recipient is on the do-not-contact list.");
        }

        if (basis is null)
        {
            return ConsentDecision.Refuse("no_consent_basis",
                "No consent basis is recorded for this recipient: record where the address was published or the express consent first.");
        }

        if (!string.Equals(Normalize(basis.EmailAddress), Normalize(recipientAddress), StringComparison.Ordinal))
        {
            return ConsentDecision.Refuse("basis_for_other_address", $"The consent basis covers {basis.EmailAddress}, not {recipientAddress}.");
        }

        return basis switch
        {
            ConspicuousPublicationBasis published => EvaluatePublication(published, now, publicationMaxAge ?? DefaultPublicationMaxAge),
            ExpressConsentBasis express => EvaluateExpress(express, now),
            ExistingBusinessRelationshipBasis relationship => EvaluateRelationship(relationship, now),
            _ => ConsentDecision.Refuse("unknown_basis", $"The consent basis {basis.GetType().Name} is not one CASL recognises here."),
        };
    }

    private static ConsentDecision EvaluatePublication(ConspicuousPublicationBasis basis, DateTimeOffset now, TimeSpan maxAge)
    {
        if (!basis.PageUrl.IsAbsoluteUri || (basis.PageUrl.Scheme != Uri.UriSchemeHttps && basis.PageUrl.Scheme != Uri.UriSchemeHttp))
        {
            return ConsentDecision.Refuse("publication_page_invalid", "The page where the address was published must be an http(s) URL.");
        }

        if (basis.SeenAt > now)
        {
            return ConsentDecision.Refuse("publication_seen_in_future", "The address cannot have been seen after now: the sighting's date is wrong.");
        }

        if (basis.PageRefusesUnsolicitedEmail)
        {
            return ConsentDecision.Refuse("publication_refuses_email",
                $"{basis.PageUrl} says its owner does not want unsolicited email: publication implies no consent (CASL s. 10(9)(b)).");
        }

        if (string.IsNullOrWhiteSpace(basis.BusinessRelevance))
        {
            return ConsentDecision.Refuse("publication_not_relevant",
                "Say why the message is relevant to the business: publication implies consent only for messages relevant to its role.");
        }

        if (now - basis.SeenAt > maxAge)
        {
            return ConsentDecision.Refuse("publication_stale",
                $"The address was last seen on {basis.PageUrl} on {basis.SeenAt:yyyy-MM-dd}; check the page again.");
        }

        return ConsentDecision.Allow("conspicuous_publication", $"Published on {basis.PageUrl}, seen {basis.SeenAt:yyyy-MM-dd}.");
    }

    private static ConsentDecision EvaluateExpress(ExpressConsentBasis basis, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(basis.Evidence))
        {
            return ConsentDecision.Refuse("express_consent_without_evidence",
                "Express consent needs its evidence (the sender must be able to prove it, CASL s. 13).");
        }

        if (basis.GivenAt > now)
        {
            return ConsentDecision.Refuse("express_consent_in_future", "Express consent cannot be dated after now.");
        }

        // Express consent does not lapse; it ends when withdrawn, which arrives as an unsubscribe.
        return ConsentDecision.Allow("express_consent", $"Express consent ({basis.Method}) given {basis.GivenAt:yyyy-MM-dd}.");
    }

    private static ConsentDecision EvaluateRelationship(ExistingBusinessRelationshipBasis basis, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(basis.Evidence))
        {
            return ConsentDecision.Refuse("relationship_without_evidence", "An existing business relationship needs its evidence.");
        }

        if (basis.Since > now)
        {
            return ConsentDecision.Refuse("relationship_in_future", "The relationship cannot start after now.");
        }

        var period = basis.Kind == BusinessRelationshipKind.PurchaseOrContract ? PurchasePeriod : InquiryPeriod;
        return now - basis.Since >= period
            ? ConsentDecision.Refuse("relationship_lapsed",
                $"The {basis.Kind} of {basis.Since:yyyy-MM-dd} implied consent for {period.TotalDays:0} days only; it has lapsed.")
            : ConsentDecision.Allow("existing_business_relationship",
                $"{basis.Kind} of {basis.Since:yyyy-MM-dd}, implied until {(basis.Since + period):yyyy-MM-dd}.");
    }

    private static string Normalize(string address) => address.Trim().ToLowerInvariant();
}
