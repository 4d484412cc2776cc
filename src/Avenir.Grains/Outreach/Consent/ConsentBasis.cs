namespace Avenir.Grains.Outreach.Consent;

/// <summary>
/// The ground on which CASL (S.C. 2010, c. 23, s. 6 and s. 10) lets Avenir send a commercial electronic message to
/// one address. Stored with the prospect (as JSON) and shown to reviewers; <see cref="ConsentCheck"/> decides.
/// </summary>
public abstract record ConsentBasis
{
    /// <summary>The address the basis covers. Consent is per address: a basis for info@ does not cover sales@.</summary>
    public required string EmailAddress { get; init; }
}

/// <summary>
/// Implied consent by conspicuous publication (CASL s. 10(9)(b)): the address was published where anyone could see it,
/// without a statement that the person does not want unsolicited messages, and the message is relevant to the
/// person's business role.
/// </summary>
public sealed record ConspicuousPublicationBasis : ConsentBasis
{
    /// <summary>The page it was published on (http/https).</summary>
    public required Uri PageUrl { get; init; }

    /// <summary>When Avenir (or a person) saw it there.</summary>
    public required DateTimeOffset SeenAt { get; init; }

    /// <summary>Whether the page says the owner does not want unsolicited email ("no solicitation", « aucune sollicitation »).</summary>
    public required bool PageRefusesUnsolicitedEmail { get; init; }

    /// <summary>Why the message is relevant to the business (e.g. "website redesign offer to a roofing company's contact address").</summary>
    public required string BusinessRelevance { get; init; }
}

/// <summary>Express consent (CASL s. 10(1)): the person said yes, and Avenir keeps the proof (the burden is the sender's, s. 13).</summary>
public sealed record ExpressConsentBasis : ConsentBasis
{
    public required DateTimeOffset GivenAt { get; init; }

    /// <summary>How it was given.</summary>
    public required ExpressConsentMethod Method { get; init; }

    /// <summary>The evidence: the form submission id and text shown, the email that says yes, the call notes.</summary>
    public required string Evidence { get; init; }
}

/// <summary>How express consent was obtained.</summary>
public enum ExpressConsentMethod
{
    WebForm,
    Email,
    Written,
    Oral,
}

/// <summary>
/// Implied consent by an existing business relationship (CASL s. 10(10)): a purchase or contract in the last two
/// years, or an inquiry or application in the last six months.
/// </summary>
public sealed record ExistingBusinessRelationshipBasis : ConsentBasis
{
    public required BusinessRelationshipKind Kind { get; init; }

    /// <summary>The purchase, end of contract or inquiry the period runs from.</summary>
    public required DateTimeOffset Since { get; init; }

    public required string Evidence { get; init; }
}

/// <summary>The kind of an existing business relationship, which sets how long it implies consent.</summary>
public enum BusinessRelationshipKind
{
    /// <summary>A purchase, lease or written contract: two years.</summary>
    PurchaseOrContract,

    /// <summary>An inquiry or application: six months.</summary>
    Inquiry,
}
