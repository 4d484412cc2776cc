using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text.Json.Serialization;

namespace Avenir.Silo.Intelligence.Local;

/// <summary>
/// The on-disk form of <see cref="EnrichmentModel"/>: a gzip stream holding a magic word, a JSON
/// header (labels, temperatures, feature settings, validation figures — readable with zcat) and
/// the weight arrays in half precision, which keeps the file at a few megabytes and loads in
/// milliseconds. Half precision changes the logits by far less than the model's own uncertainty.
/// </summary>
internal static class EnrichmentModelFile
{
    /// <summary>File name of the shipped model, next to the assembly under Intelligence/Model/.</summary>
    public const string DefaultFileName = "enrichment-model.bin";

    private const string Magic = "AVENRICH";
    // 2: blocks hash into separate bucket ranges, optional style block and per-language embedding copies.
    private const int FormatVersion = 2;

    private static readonly JsonSerializerOptions HeaderJson = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Where the shipped model lies when copied to the output directory.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "Intelligence", "Model", DefaultFileName);

    public static void Save(EnrichmentModel model, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.SmallestSize);
        using var writer = new BinaryWriter(gzip, Encoding.UTF8);
        writer.Write(Encoding.ASCII.GetBytes(Magic));
        writer.Write(FormatVersion);
        var header = new ModelHeader(
            model.Version,
            model.EncoderName,
            model.EmbeddingDimension,
            model.Settings,
            model.Vocabulary.Count,
            Describe(model.Intent),
            Describe(model.Urgency),
            Describe(model.Tone),
            new SortedDictionary<string, double>(model.ValidationFigures.ToDictionary(pair => pair.Key, pair => Math.Round(pair.Value, 4))));
        var json = JsonSerializer.SerializeToUtf8Bytes(header, HeaderJson);
        writer.Write(json.Length);
        writer.Write(json);
        writer.Write(MemoryMarshal.AsBytes(model.Vocabulary.Buckets.AsSpan()));
        foreach (var classifier in new[] { model.Intent, model.Urgency, model.Tone })
        {
            writer.Write(MemoryMarshal.AsBytes(classifier.Bias.AsSpan()));
            WriteHalves(writer, classifier.DenseWeights);
            WriteHalves(writer, classifier.SparseWeights);
        }
    }

    public static EnrichmentModel Load(string path)
    {
        using var file = File.OpenRead(path);
        return Load(file);
    }

    public static EnrichmentModel Load(Stream stream)
    {
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var buffered = new BufferedStream(gzip, 1 << 16);
        using var reader = new BinaryReader(buffered, Encoding.UTF8);
        var magic = Encoding.ASCII.GetString(reader.ReadBytes(Magic.Length));
        var format = reader.ReadInt32();
        if (magic != Magic || format != FormatVersion)
        {
            throw new InvalidDataException($"Not an enrichment model file of format {FormatVersion}.");
        }

        var header = JsonSerializer.Deserialize<ModelHeader>(reader.ReadBytes(reader.ReadInt32()), HeaderJson)
            ?? throw new InvalidDataException("The model header is empty.");
        var buckets = ReadArray<int>(reader, header.VocabularySize);
        var denseSize = header.Settings.DenseSize(header.EmbeddingDimension);
        return new EnrichmentModel(
            header.Version,
            header.Encoder,
            header.EmbeddingDimension,
            header.Settings,
            new FeatureVocabulary(buckets),
            ReadClassifier(reader, header.Intent, denseSize, header.VocabularySize),
            ReadClassifier(reader, header.Urgency, denseSize, header.VocabularySize),
            ReadClassifier(reader, header.Tone, denseSize, header.VocabularySize),
            header.ValidationFigures);
    }

    private static ClassifierHeader Describe(SoftmaxClassifier classifier) => new([.. classifier.Labels], classifier.Temperature);

    private static SoftmaxClassifier ReadClassifier(BinaryReader reader, ClassifierHeader header, int denseSize, int sparseSize)
    {
        var classes = header.Labels.Length;
        var bias = ReadArray<float>(reader, classes);
        var dense = ReadHalves(reader, classes * denseSize);
        var sparse = ReadHalves(reader, classes * sparseSize);
        return new SoftmaxClassifier(header.Labels, denseSize, sparseSize, dense, sparse, bias, header.Temperature);
    }

    private static void WriteHalves(BinaryWriter writer, float[] values)
    {
        var halves = new Half[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            halves[i] = (Half)values[i];
        }

        writer.Write(MemoryMarshal.AsBytes(halves.AsSpan()));
    }

    private static float[] ReadHalves(BinaryReader reader, int count)
    {
        var halves = ReadArray<Half>(reader, count);
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (float)halves[i];
        }

        return values;
    }

    private static T[] ReadArray<T>(BinaryReader reader, int count)
        where T : struct
    {
        var values = new T[count];
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        reader.BaseStream.ReadExactly(bytes);
        return values;
    }

    private sealed record ModelHeader(
        string Version,
        string Encoder,
        int EmbeddingDimension,
        FeatureSettings Settings,
        int VocabularySize,
        ClassifierHeader Intent,
        ClassifierHeader Urgency,
        ClassifierHeader Tone,
        SortedDictionary<string, double> ValidationFigures);

    private sealed record ClassifierHeader(string[] Labels, double Temperature);
}
