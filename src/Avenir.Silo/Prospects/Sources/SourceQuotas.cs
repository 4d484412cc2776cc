using System.Collections.Concurrent;

namespace Avenir.Silo.Prospects.Sources;

/// <summary>One <see cref="SourceQuota"/> per source for the process (typed clients are transient; their counts must not be).</summary>
public sealed class SourceQuotas(TimeProvider time, IDelay delay)
{
    private readonly ConcurrentDictionary<string, SourceQuota> _quotas = new(StringComparer.Ordinal);

    /// <summary>The counter of <paramref name="source"/>, created with <paramref name="options"/> the first time.</summary>
    public SourceQuota For(string source, SourceOptions options) =>
        _quotas.GetOrAdd(source, name => new SourceQuota(name, options, time, delay));
}
