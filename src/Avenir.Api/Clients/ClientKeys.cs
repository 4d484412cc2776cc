using Avenir.Infrastructure.Security;

namespace Avenir.Api.Clients;

/// <summary>API keys are made here, shown once, and handed to the client's grain as digests only.</summary>
public static class ClientKeys
{
    /// <summary>A new random key and the digest the grain stores.</summary>
    public static (string Key, ApiKeyDigest Digest) New()
    {
        var key = ApiKey.Generate();
        var (hash, prefix) = ApiKey.Digest(key);
        return (key, new ApiKeyDigest(hash, prefix));
    }
}
