namespace Avenir.Contracts.Leads;

/// <summary>A validated lead submission with what the intake endpoint knows about the request.</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Grains.Leads.LeadIntake")]
public sealed record class LeadIntake
{
    [Id(0)] public required LeadSubmission Lead { get; init; }

    /// <summary>The client's <c>Idempotency-Key</c>, if any: the same key and body replay the first answer.</summary>
    [Id(1)] public string? IdempotencyKey { get; init; }

    /// <summary>SHA-256 (hex) of the canonical request body, compared when an idempotency key is reused.</summary>
    [Id(2)] public required string RequestHash { get; init; }

    /// <summary>An identical submission (same sender and message) within this window is merged into the earlier lead.</summary>
    [Id(3)] public TimeSpan DuplicateWindow { get; init; } = TimeSpan.FromMinutes(10);

    [Id(4)] public bool IsTest { get; init; }

    /// <summary>What goes into <c>integration_logs</c> (the key already masked).</summary>
    [Id(5)] public required IntakeRequestLog Request { get; init; }
}

/// <summary>The request facts logged with an accepted lead.</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Grains.Leads.IntakeRequestLog")]
public sealed record class IntakeRequestLog
{
    [Id(0)] public required string MaskedKey { get; init; }
    [Id(1)] public required string AuthMethod { get; init; }
    [Id(2)] public required string Endpoint { get; init; }
    [Id(3)] public string? Origin { get; init; }
    [Id(4)] public string? IpAddress { get; init; }
    [Id(5)] public string? UserAgent { get; init; }
}
