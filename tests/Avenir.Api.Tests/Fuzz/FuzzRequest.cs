namespace Avenir.Api.Tests.Fuzz;

/// <summary>Who a request claims to be: nobody, one of the two signed-in sessions, a broken cookie, or a mix whose winner the fuzz cannot tell.</summary>
public enum FuzzCaller
{
    Nobody,
    Client,
    Admin,
    BadCookie,
    Ambiguous,
}

/// <summary>What the ledger needs to know of a lead post: whose key it carried (if a working one), its tag, and whether it sprang the honeypot.</summary>
/// <param name="ClientId">The intake client whose valid key the post carried, or null.</param>
/// <param name="Tag">Sent at the start of the User-Agent, which intake stores with the lead: the row names its request.</param>
public sealed record LeadPost(Guid? ClientId, string Tag, bool Honeypot);

/// <summary>One generated request: everything the runner sends, and what the generator knows about it for the verdicts.</summary>
public sealed class FuzzRequest
{
    private byte[]? body;

    public required int Index { get; init; }

    /// <summary>The endpoint aimed at; null for a stray request (an unknown route or a method the route does not take).</summary>
    public FuzzTarget? Target { get; init; }

    public required string Method { get; set; }

    /// <summary>Sent as is: no canonicalisation, so <c>%00</c> or <c>%zz</c> reach the server as written.</summary>
    public required string PathAndQuery { get; set; }

    public List<KeyValuePair<string, string>> Headers { get; } = [];

    public byte[]? Body
    {
        get => body;
        set
        {
            body = value;
            BodyLength = value?.Length ?? 0;
            BodyStart = value is null ? [] : value[..Math.Min(value.Length, 200)];
        }
    }

    /// <summary>The body's length and first bytes, kept for the verdicts and the report once the body is let go (<see cref="Forget"/>).</summary>
    public int BodyLength { get; private set; }

    public byte[] BodyStart { get; private set; } = [];

    /// <summary>Null: no Content-Type header at all.</summary>
    public string? ContentType { get; set; }

    /// <summary>Sent with <c>Transfer-Encoding: chunked</c> and no length, so a size limit can only be enforced while reading.</summary>
    public bool Chunked { get; set; }

    /// <summary>
    /// Breaks HTTP itself (too many or too large headers, a request line over Kestrel's limit, a NUL in the path, header
    /// bytes that are not ASCII, a malformed Host): Kestrel refuses it before any application code runs, with a bare status
    /// and no body — the one place a 4xx cannot be a problem.
    /// </summary>
    public bool BreaksHttp { get; set; }

    public FuzzCaller Caller { get; set; } = FuzzCaller.Nobody;

    /// <summary>The session's own CSRF token was sent, alone and unchanged.</summary>
    public bool CsrfCorrect { get; set; }

    public LeadPost? Lead { get; set; }

    /// <summary>What was done to the request, for the report of an offender.</summary>
    public List<string> Mutations { get; } = [];

    public string Name => Target?.ToString() ?? $"{Method} (stray)";

    /// <summary>Once answered, lets the body and headers go (a body may be megabytes, a long run sends a million): the report needs neither.</summary>
    public void Forget()
    {
        body = null;
        Headers.Clear();
        Headers.TrimExcess();
    }
}
