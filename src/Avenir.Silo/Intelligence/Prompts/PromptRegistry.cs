using System.Collections.Concurrent;
using Avenir.Silo.Intelligence.Llm;

namespace Avenir.Silo.Intelligence.Prompts;

/// <summary>
/// <c>prompt_registry</c> read in a system transaction (an agency table under row-level security), cached per
/// (name, language) for <see cref="AiOptions.PromptCacheDuration"/>.
/// </summary>
public sealed class PromptRegistry(TenantDatabase database, TimeProvider time, IOptions<AiOptions> options) : IPromptRegistry
{
    private readonly ConcurrentDictionary<(string Name, string Language), (DateTimeOffset Expires, IReadOnlyList<PromptVariant> Variants)> cache = new();
    private readonly ConcurrentDictionary<string, (DateTimeOffset Expires, PromptVariant? Variant)> byVariantId = new();

    public async ValueTask<IReadOnlyList<PromptVariant>> GetActiveAsync(string promptName, string language, CancellationToken cancellationToken = default)
    {
        var key = (promptName, language);
        var now = time.GetUtcNow();
        if (cache.TryGetValue(key, out var entry) && entry.Expires > now)
        {
            return entry.Variants;
        }

        IReadOnlyList<PromptVariant> variants;
        await using (var transaction = await database.BeginForSystemAsync(cancellationToken))
        {
            variants = await PromptRegistryQueries.ActiveVariantsAsync(transaction, promptName, language, cancellationToken);
        }

        cache[key] = (now + options.Value.PromptCacheDuration, variants);
        return variants;
    }

    public async ValueTask<PromptVariant?> GetVariantAsync(string variantId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (byVariantId.TryGetValue(variantId, out var entry) && entry.Expires > now)
        {
            return entry.Variant;
        }

        PromptVariant? variant;
        await using (var transaction = await database.BeginForSystemAsync(cancellationToken))
        {
            variant = await PromptRegistryQueries.VariantAsync(transaction, variantId, cancellationToken);
        }

        byVariantId[variantId] = (now + options.Value.PromptCacheDuration, variant);
        return variant;
    }

    public void Invalidate()
    {
        cache.Clear();
        byVariantId.Clear();
    }
}

/// <summary>The default selector: newest active version in the language, else in English.</summary>
public sealed class ActivePromptSelector(IPromptRegistry registry) : IPromptSelector
{
    public async ValueTask<PromptVariant?> SelectAsync(PromptSelectionContext context, CancellationToken cancellationToken = default)
    {
        var variants = await registry.GetActiveAsync(context.PromptName, context.Language, cancellationToken);
        if (variants.Count == 0 && context.Language != "en")
        {
            variants = await registry.GetActiveAsync(context.PromptName, "en", cancellationToken);
        }

        return variants.Count > 0 ? variants[0] : null;
    }
}
