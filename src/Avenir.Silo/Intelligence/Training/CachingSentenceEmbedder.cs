using System.Collections.Concurrent;
using System.Security.Cryptography;
using Avenir.Silo.Intelligence.Local;

namespace Avenir.Silo.Intelligence.Training;

/// <summary>
/// Training-time decorator: every message is embedded once even though cross-validation reads it
/// many times; optionally persisted to a file so repeated training runs skip the encoder.
/// </summary>
internal sealed class CachingSentenceEmbedder(ISentenceEmbedder inner, string? cacheFile) : ISentenceEmbedder
{
    private readonly ConcurrentDictionary<string, float[]> _cache = Load(cacheFile);

    public string Name => inner.Name;

    public int Dimension => inner.Dimension;

    public float[] Embed(string text) => _cache.GetOrAdd(Key(text), _ => inner.Embed(text));

    public void Save()
    {
        if (cacheFile is null)
        {
            return;
        }

        using var writer = new StreamWriter(cacheFile, append: false, Encoding.UTF8);
        foreach (var (key, vector) in _cache.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            writer.Write(key);
            writer.Write('\t');
            writer.WriteLine(string.Join(',', vector.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        }
    }

    private static string Key(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static ConcurrentDictionary<string, float[]> Load(string? cacheFile)
    {
        var cache = new ConcurrentDictionary<string, float[]>(StringComparer.Ordinal);
        if (cacheFile is null || !File.Exists(cacheFile))
        {
            return cache;
        }

        foreach (var line in File.ReadLines(cacheFile))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab > 0)
            {
                cache[line[..tab]] = line[(tab + 1)..].Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            }
        }

        return cache;
    }
}
