namespace Avenir.Silo.Intelligence.Local;

/// <summary>Maps a text to a fixed-size, unit-length vector. Implementations must be safe to call from several threads.</summary>
internal interface ISentenceEmbedder
{
    /// <summary>Identifies the encoder in the model name (e.g. "minilm-l6-v2").</summary>
    string Name { get; }

    int Dimension { get; }

    float[] Embed(string text);

    /// <summary>
    /// The embeddings of several texts, in their order; each equals <see cref="Embed"/> of that text (within float
    /// tolerance). By default one call per text; an encoder that can run several texts at once overrides it.
    /// </summary>
    float[][] EmbedBatch(IReadOnlyList<string> texts) => [.. texts.Select(Embed)];
}
