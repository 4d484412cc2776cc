using Avenir.Silo.Intelligence.Local;
using Avenir.Silo.Intelligence.Training;
using Avenir.Silo.Prospects.FormTesting.Analysis;
using Avenir.Silo.Prospects.FormTesting.Tone;

namespace Avenir.Silo.Tests.Prospects.FormTesting;

/// <summary>The MiniLM encoder (cached per text) and the tone classifier trained on the shipped set, once per collection.</summary>
public sealed class ToneModelFixture : IDisposable
{
    private readonly MiniLmSentenceEmbedder encoder = new();

    public ToneModelFixture()
    {
        Embedder = new CachingSentenceEmbedder(encoder, null);
        Classifier = new AutoresponderToneClassifier(() => Embedder);
        Analyzer = new AutoresponderAnalyzer(Classifier, () => Embedder);
    }

    internal ISentenceEmbedder Embedder { get; }

    public AutoresponderToneClassifier Classifier { get; }

    public AutoresponderAnalyzer Analyzer { get; }

    public void Dispose() => encoder.Dispose();
}
