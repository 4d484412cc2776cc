namespace Avenir.Silo.Intelligence.Llm;

/// <summary>
/// The <c>Ai:*</c> settings. With no <see cref="Provider"/> (or <c>local</c>) the offline engine answers alone;
/// <c>openai</c>, <c>azureopenai</c> or <c>ollama</c> put an LLM in front of it (docs/decisions/0005).
/// </summary>
public sealed class AiOptions
{
    public const string Section = "Ai";

    public const string LocalProvider = "local";
    public const string OpenAiProvider = "openai";
    public const string AzureOpenAiProvider = "azureopenai";
    public const string OllamaProvider = "ollama";

    /// <summary><c>local</c> (default), <c>openai</c>, <c>azureopenai</c> or <c>ollama</c>.</summary>
    public string Provider { get; set; } = LocalProvider;

    /// <summary>Model id (OpenAI: e.g. <c>gpt-4o-mini</c>; Ollama: e.g. <c>llama3.1</c>; Azure: the model behind the deployment, for the record).</summary>
    public string? Model { get; set; }

    /// <summary>Base address: OpenAI-compatible endpoint (optional), the Azure resource, or the Ollama server (default http://localhost:11434).</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>API key (OpenAI, Azure OpenAI). Keep it in user secrets or the environment.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Azure OpenAI deployment name.</summary>
    public string? Deployment { get; set; }

    /// <summary>prompt_performance.environment: production, staging or test.</summary>
    public string Environment { get; set; } = "production";

    /// <summary>How long the active prompts read from prompt_registry are reused before being read again.</summary>
    public TimeSpan PromptCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    public LlmResilienceOptions Resilience { get; set; } = new();

    public LlmPricingOptions Pricing { get; set; } = new();

    /// <summary>True when an LLM provider is configured (anything but <c>local</c>).</summary>
    public bool UsesLlm => !string.IsNullOrWhiteSpace(Provider) && !Provider.Equals(LocalProvider, StringComparison.OrdinalIgnoreCase);

    /// <summary>The provider, lower case and trimmed.</summary>
    public string NormalizedProvider => (Provider ?? LocalProvider).Trim().ToLowerInvariant();
}

/// <summary>
/// Resilience of the HTTP client handed to the connectors, fitted to LLM latency (seconds, not milliseconds).
/// </summary>
public sealed class LlmResilienceOptions
{
    /// <summary>One HTTP attempt (a completion of a few hundred tokens takes 2–20 s).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>All attempts and back-off together. Keep it below the job's 300 s budget.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Retries after the first attempt (429, 408, 5xx, network errors, attempt timeouts).</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>First back-off (exponential, jittered); a Retry-After header wins when present.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest single back-off, Retry-After included.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Circuit-breaker window; raised to 2 × <see cref="AttemptTimeout"/> when smaller (the options validator requires it).</summary>
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>How long the circuit stays open after tripping: the local engine answers meanwhile.</summary>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Prices per 1,000 tokens (USD) used for prompt_performance.cost_usd. Zero (the default) for a local Ollama.</summary>
public sealed class LlmPricingOptions
{
    public decimal InputPer1KTokens { get; set; }

    public decimal OutputPer1KTokens { get; set; }

    public decimal Cost(long? inputTokens, long? outputTokens) =>
        ((inputTokens ?? 0) * InputPer1KTokens + (outputTokens ?? 0) * OutputPer1KTokens) / 1000m;
}
