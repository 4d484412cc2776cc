namespace Avenir.Silo.Intelligence.Local;

/// <summary>Maps a text to a fixed-size, unit-length vector. Implementations must be safe to call from several threads.</summary>
internal interface ISentenceEmbedder
{
    /// <summary>Identifies the encoder in the model name (e.g. "minilm-l6-v2").</summary>
    string Name { get; }

    int Dimension { get; }

    float[] Embed(string text);
}
