using System.Collections.Concurrent;
using Avenir.Grains.Database;
using Avenir.Silo.Intelligence.Llm;
using Microsoft.Extensions.Options;

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

        var variants = new List<PromptVariant>();
        await using (var transaction = await database.BeginForSystemAsync(cancellationToken))
        {
            await using var command = transaction.Command(
                """
                SELECT id, prompt_name, variant_id, variant_version, language, prompt_text
                FROM prompt_registry
                WHERE prompt_name = $1 AND language = $2 AND is_active
                ORDER BY variant_version DESC, created_at DESC
                """,
                promptName, language);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                variants.Add(new PromptVariant(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4), reader.GetString(5)));
            }
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

        PromptVariant? variant = null;
        await using (var transaction = await database.BeginForSystemAsync(cancellationToken))
        {
            await using var command = transaction.Command(
                "SELECT id, prompt_name, variant_id, variant_version, language, prompt_text FROM prompt_registry WHERE variant_id = $1",
                variantId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                variant = new PromptVariant(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4), reader.GetString(5));
            }
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
