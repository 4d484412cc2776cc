using System.Collections.Concurrent;
using Avenir.Infrastructure.Metrics;
using Avenir.Silo.Intelligence.Llm;
using Avenir.Silo.Intelligence.Prompts;

namespace Avenir.Silo.Intelligence.Translation;

/// <summary>Where a translation came from.</summary>
public enum TranslationSource
{
    /// <summary>A verified term of translation_dictionary (exact or fuzzy match).</summary>
    Dictionary,

    /// <summary>An unexpired machine translation of translation_cache.</summary>
    Cache,

    /// <summary>Translated now by the configured LLM (and cached for 90 days).</summary>
    Llm,

    /// <summary>Not translated: no dictionary or cache entry and no LLM (or it failed). The text is returned as given.</summary>
    None,
}

/// <summary>A translation. When <see cref="Translated"/> is false, <see cref="Text"/> is the original, still in <see cref="Language"/>.</summary>
/// <param name="Language">The language <see cref="Text"/> is in.</param>
/// <param name="Similarity">1 for exact matches; the similarity of the matched term for a fuzzy dictionary hit.</param>
public sealed record TranslationResult(string Text, string Language, TranslationSource Source, bool Translated, double Similarity = 1)
{
    public string SourceName => Source.ToString().ToLowerInvariant();
}

/// <summary>Translates between English and French (DESIGN §4.6).</summary>
public interface ITranslator
{
    /// <param name="contextType">translation_cache.context_type: lead_summary, intent, tone, ui_text, email or insight.</param>
    Task<TranslationResult> TranslateAsync(
        string text, string sourceLanguage, string targetLanguage, string contextType = "ui_text", CancellationToken cancellationToken = default);
}

/// <summary>
/// Dictionary first (verified terms: exact, then fuzzy — Levenshtein similarity ≥ 0.9 on accent-folded terms of
/// at most <see cref="FuzzyMaxLength"/> characters), then the cache (unexpired rows), then the LLM when one is
/// configured (its answer cached for <see cref="CacheLifetime"/>). Without an LLM, free text is returned unchanged
/// and marked untranslated. The glossary is read once per <see cref="DictionaryRefresh"/>.
/// </summary>
public sealed class Translator(
    TenantDatabase database,
    TimeProvider time,
    ILogger<Translator> logger,
    PromptExecutor? llm = null,
    PerformanceRecorder? recorder = null) : ITranslator
{
    public const double FuzzyThreshold = 0.9;
    public const int FuzzyMaxLength = 40;
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromDays(90);
    public static readonly TimeSpan DictionaryRefresh = TimeSpan.FromMinutes(10);

    private static readonly HashSet<string> ContextTypes = ["lead_summary", "intent", "tone", "ui_text", "email", "insight"];
    private readonly ConcurrentDictionary<(string, string), (DateTimeOffset Expires, IReadOnlyList<DictionaryTerm> Terms)> dictionary = new();

    public async Task<TranslationResult> TranslateAsync(
        string text, string sourceLanguage, string targetLanguage, string contextType = "ui_text", CancellationToken cancellationToken = default)
    {
        if (recorder is null)
        {
            return await TranslateUnmeasuredAsync(text, sourceLanguage, targetLanguage, contextType, cancellationToken);
        }

        // Latency per source (dictionary_hit, cache_hit, llm_call, untranslated): the count of each is the hit rate.
        var started = time.GetTimestamp();
        try
        {
            var result = await TranslateUnmeasuredAsync(text, sourceLanguage, targetLanguage, contextType, cancellationToken);
            var metric = result.Source == TranslationSource.None && result.Translated
                ? "same_language"
                : PerformanceMetricNames.TranslationMetric(result.SourceName);
            recorder.RecordElapsed(TranslationKey(metric), started);
            return result;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            recorder.RecordElapsed(TranslationKey("failed"), started, success: false);
            throw;
        }
    }

    private static MetricKey TranslationKey(string metric) =>
        new(PerformanceMetricNames.Translation, metric, PerformanceMetricNames.TranslationService, ClientId: null);

    private async Task<TranslationResult> TranslateUnmeasuredAsync(
        string text, string sourceLanguage, string targetLanguage, string contextType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!EnrichmentLabels.IsLanguage(sourceLanguage) || !EnrichmentLabels.IsLanguage(targetLanguage))
        {
            throw new ArgumentException($"Only en and fr are supported ({sourceLanguage} → {targetLanguage}).");
        }

        if (sourceLanguage == targetLanguage || string.IsNullOrWhiteSpace(text))
        {
            return new TranslationResult(text, targetLanguage, TranslationSource.None, Translated: true);
        }

        contextType = ContextTypes.Contains(contextType) ? contextType : "ui_text";
        var fromDictionary = await LookUpDictionaryAsync(text, sourceLanguage, targetLanguage, cancellationToken);
        if (fromDictionary is not null)
        {
            return fromDictionary;
        }

        var now = time.GetUtcNow();
        var cached = await LookUpCacheAsync(text, sourceLanguage, targetLanguage, now, cancellationToken);
        if (cached is not null)
        {
            return new TranslationResult(cached, targetLanguage, TranslationSource.Cache, Translated: true);
        }

        if (llm is not null)
        {
            var execution = await llm.ExecuteAsync(
                new PromptSelectionContext(
                    PromptNames.Translation, targetLanguage, SubjectKey: text.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Dictionary<string, string>
                {
                    ["source_language"] = LanguageName(sourceLanguage),
                    ["target_language"] = LanguageName(targetLanguage),
                    ["context"] = contextType,
                },
                text, jsonSchema: null,
                answer => string.IsNullOrWhiteSpace(answer)
                    ? new PromptOutcome<string>(null, 0, "empty translation", null)
                    : new PromptOutcome<string>(answer.Trim(), 1, null, JsonSerializer.SerializeToElement(new { chars = answer.Trim().Length })),
                JsonSerializer.SerializeToElement(new { sourceLanguage, targetLanguage, contextType, chars = text.Length }),
                cancellationToken);
            if (execution.Succeeded)
            {
                try
                {
                    await StoreInCacheAsync(text, sourceLanguage, targetLanguage, execution.Value!, contextType, now, cancellationToken);
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                {
                    logger.LogWarning(exception, "Could not cache a translation");
                }

                return new TranslationResult(execution.Value!, targetLanguage, TranslationSource.Llm, Translated: true);
            }
        }

        return new TranslationResult(text, sourceLanguage, TranslationSource.None, Translated: false);
    }

    private async Task<TranslationResult?> LookUpDictionaryAsync(string text, string source, string target, CancellationToken cancellationToken)
    {
        var terms = await LoadDictionaryAsync(source, target, cancellationToken);
        var normalized = TextSimilarity.Normalize(text);
        var exact = terms.FirstOrDefault(term => term.Normalized == normalized);
        if (exact is not null)
        {
            return new TranslationResult(MatchCase(text, exact.Translation), target, TranslationSource.Dictionary, true);
        }

        if (normalized.Length > FuzzyMaxLength)
        {
            return null;
        }

        var folded = TextSimilarity.Fold(text);
        DictionaryTerm? best = null;
        var bestSimilarity = 0.0;
        foreach (var term in terms)
        {
            if (Math.Abs(term.Folded.Length - folded.Length) > folded.Length / 5 + 1)
            {
                continue; // cannot reach 0.9
            }

            var similarity = TextSimilarity.Similarity(folded, term.Folded);
            if (similarity > bestSimilarity)
            {
                (best, bestSimilarity) = (term, similarity);
            }
        }

        return best is not null && bestSimilarity >= FuzzyThreshold
            ? new TranslationResult(MatchCase(text, best.Translation), target, TranslationSource.Dictionary, true, bestSimilarity)
            : null;
    }

    private async Task<IReadOnlyList<DictionaryTerm>> LoadDictionaryAsync(string source, string target, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (dictionary.TryGetValue((source, target), out var entry) && entry.Expires > now)
        {
            return entry.Terms;
        }

        var terms = new List<DictionaryTerm>();
        // Reference data: readable by every session; system scope for symmetry with the writes.
        await using (var transaction = await database.BeginForSystemAsync(cancellationToken))
        {
            foreach (var term in await TranslationQueries.VerifiedTermsAsync(transaction, source, target, cancellationToken))
            {
                terms.Add(new DictionaryTerm(TextSimilarity.Normalize(term.SourceText), TextSimilarity.Fold(term.SourceText), term.TranslatedText));
            }
        }

        dictionary[(source, target)] = (now + DictionaryRefresh, terms);
        return terms;
    }

    private async Task<string?> LookUpCacheAsync(string text, string source, string target, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        var translated = await TranslationRows.TouchCachedAsync(transaction, text, source, target, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return translated;
    }

    private async Task StoreInCacheAsync(
        string text, string source, string target, string translated, string contextType, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        await TranslationRows.StoreAsync(transaction, text, source, target, translated, contextType, now, now + CacheLifetime, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static string LanguageName(string code) => code == "fr" ? "French (Québec)" : "English (Canada)";

    /// <summary>"Appointment" → "Rendez-vous": a capitalised source term gives a capitalised translation.</summary>
    private static string MatchCase(string source, string translation) =>
        source.TrimStart() is { Length: > 0 } s && char.IsUpper(s[0]) && translation.Length > 0 && char.IsLower(translation[0])
            ? char.ToUpperInvariant(translation[0]) + translation[1..]
            : translation;

    private sealed record DictionaryTerm(string Normalized, string Folded, string Translation);
}
