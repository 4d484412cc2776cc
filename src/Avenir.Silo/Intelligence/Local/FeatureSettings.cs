using System.Text.Json.Serialization;

namespace Avenir.Silo.Intelligence.Local;

/// <summary>How the sentence embedding enters the dense block (see <see cref="FeatureSettings.Embedding"/>).</summary>
internal enum EmbeddingLayout
{
    /// <summary>One copy, the same weights for English and French.</summary>
    Shared = 0,

    /// <summary>
    /// A shared copy plus a copy that is zero unless the lead is French ("frustratingly easy" domain
    /// adaptation): French leads can correct the English-trained weights without losing what they share.
    /// </summary>
    SharedPlusFrench = 1,

    /// <summary>Two gated copies: English leads fill the first, French leads the second.</summary>
    PerLanguage = 2,
}

/// <summary>
/// How strongly each block of features enters the linear models. Saved in the model file so that
/// prediction builds exactly the features the model was trained on.
/// </summary>
internal sealed record FeatureSettings
{
    public float EmbeddingWeight { get; init; } = 1.0f;

    public float CueWeight { get; init; } = 1.0f;

    public float WordWeight { get; init; } = 1.0f;

    public float CharacterWeight { get; init; } = 1.0f;

    public float FormWeight { get; init; } = 0.5f;

    /// <summary>Weight of the style tokens (greeting, case, punctuation runs, sign-off); 0 leaves them out.</summary>
    public float StyleWeight { get; init; }

    public int MinimumCharacterGram { get; init; } = 3;

    public int MaximumCharacterGram { get; init; } = 5;

    public EmbeddingLayout Embedding { get; init; } = EmbeddingLayout.Shared;

    /// <summary>Number of embedding copies in the dense block.</summary>
    [JsonIgnore]
    public int EmbeddingCopies => Embedding == EmbeddingLayout.Shared ? 1 : 2;

    /// <summary>Size of the dense block: embedding copies, then cue features.</summary>
    public int DenseSize(int embeddingDimension) => embeddingDimension * EmbeddingCopies + CueFeatures.Count;
}
