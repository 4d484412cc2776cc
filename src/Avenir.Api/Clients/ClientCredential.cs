namespace Avenir.Api.Clients;

/// <summary>How a request proved which client it is for.</summary>
public enum CredentialKind
{
    /// <summary>The secret API key (<c>X-Api-Key</c>): server-to-server or the client's own code.</summary>
    ApiKey,

    /// <summary>The publishable form key of a plain HTML form: only valid from the client's allowed origins.</summary>
    FormKey,
}

/// <summary>A presented key that matched a client.</summary>
/// <param name="KeyVersion">The client's key version when the key was looked up (compared with the profile's).</param>
public sealed record ClientCredential(Guid ClientId, CredentialKind Kind, string MaskedKey, int KeyVersion)
{
    /// <summary>The <c>integration_logs.auth_method</c> value.</summary>
    public string AuthMethod => Kind == CredentialKind.ApiKey ? "api_key" : "form_key";
}
