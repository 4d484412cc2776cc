using System.Threading.RateLimiting;
using Avenir.Api.Clients;
using Avenir.Api.Hosting;
using Microsoft.Extensions.Options;

namespace Avenir.Api.Leads;

/// <summary>
/// Lead posts a minute per client key (<c>Intake:PermitsPerKeyPerMinute</c>), counted once the key is known — in the
/// <c>X-Api-Key</c> header, the <c>?key=</c> query or a form field alike — and per key as resolved, so spelling a
/// key differently does not make a new bucket. Per API instance, like the per-IP limits.
/// </summary>
public sealed class IntakeKeyLimiter(IOptions<IntakeOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<ClientCredential> limiter = PartitionedRateLimiter.Create<ClientCredential, (Guid, CredentialKind)>(
        credential => RateLimitPartition.GetFixedWindowLimiter(
            (credential.ClientId, credential.Kind), _ => PublicRateLimiting.PerMinute(options.Value.PermitsPerKeyPerMinute)));

    /// <summary>Null when the post may go on, else how long until the key may post again.</summary>
    public TimeSpan? Refusal(ClientCredential credential)
    {
        using var lease = limiter.AttemptAcquire(credential);
        return lease.IsAcquired ? null
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait
            : TimeSpan.FromMinutes(1);
    }

    public void Dispose() => limiter.Dispose();
}
