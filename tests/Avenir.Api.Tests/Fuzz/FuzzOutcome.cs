namespace Avenir.Api.Tests.Fuzz;

/// <summary>What came back for one request: kept small (a run may send a million), with snippets for the report.</summary>
public sealed record FuzzOutcome
{
    public required FuzzRequest Request { get; init; }

    /// <summary>The HTTP status, or null when no answer came (the connection failed or the client gave up).</summary>
    public int? Status { get; init; }

    public string? ContentType { get; init; }

    /// <summary>Our SecurityHeaders middleware sets it on every answer of the application: without it, Kestrel answered alone.</summary>
    public bool FromApplication { get; init; }

    /// <summary>The <c>status</c> member of a problem body (null when the body is not a problem document).</summary>
    public int? ProblemStatus { get; init; }

    public int BodyLength { get; init; }

    public string? BodySnippet { get; init; }

    /// <summary>A lead post's answer: the lead id of a 201/200 JSON answer, and whether it was an idempotent replay.</summary>
    public Guid? LeadId { get; init; }

    public bool Replayed { get; init; }

    public string? Error { get; init; }

    /// <summary>The connection closed before an answer: worth one more try (see <see cref="FuzzRunner"/>).</summary>
    public bool Retriable { get; init; }

    /// <summary>This is the answer to the second try.</summary>
    public bool Retried { get; init; }

    /// <summary>From sending the request to the end of its answer (for the report's slowest endpoints; nothing asserts on it).</summary>
    public TimeSpan Elapsed { get; init; }

    public string StatusClass => Status switch
    {
        null => "no answer",
        < 300 => "2xx",
        < 400 => "3xx",
        < 500 => "4xx",
        _ => "5xx",
    };
}
