namespace Avenir.Api.Leads;

/// <summary>The answer to an accepted lead post. <c>status</c>: <c>created</c> or <c>duplicate</c> (merged into an earlier identical lead).</summary>
public sealed record LeadAccepted(Guid Id, string Status, DateTimeOffset ReceivedAt);
