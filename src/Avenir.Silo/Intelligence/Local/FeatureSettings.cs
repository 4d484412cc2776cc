namespace Avenir.Silo.Intelligence.Local;

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

    public int MinimumCharacterGram { get; init; } = 3;

    public int MaximumCharacterGram { get; init; } = 5;

    /// <summary>Size of the dense block: embedding dimensions, then cue features.</summary>
    public int DenseSize(int embeddingDimension) => embeddingDimension + CueFeatures.Count;
}
