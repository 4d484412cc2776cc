using Avenir.Silo.Intelligence.Evaluation;
using Avenir.Silo.Intelligence.Local;

namespace Avenir.Silo.Intelligence.Training;

/// <summary>Reads labelled JSONL leads and computes once what every training run reuses (features, embedding, detected language).</summary>
internal static class TrainingData
{
    public static List<TrainingExample> Prepare(
        IReadOnlyList<LabelledLead> leads, FeatureSettings settings, ISentenceEmbedder embedder, LanguageDetector detector, bool isDev)
    {
        var features = new FeatureExtractor(settings);
        var examples = new List<TrainingExample>(leads.Count);
        foreach (var lead in leads)
        {
            var intent = IndexOf(EnrichmentLabels.Intents, lead.Intent, lead, "intent");
            var urgency = IndexOf(EnrichmentLabels.Urgencies, lead.Urgency, lead, "urgency");
            var tone = IndexOf(EnrichmentLabels.Tones, lead.Tone, lead, "tone");
            var prepared = PreparedLead.From(lead.ToRequest());
            examples.Add(new TrainingExample(
                lead,
                prepared,
                features.SparseBuckets(prepared),
                CueFeatures.Compute(prepared),
                embedder.Embed(prepared.CleanMessage),
                intent,
                urgency,
                tone,
                detector.Detect(prepared.CleanMessage, null).Language,
                isDev));
        }

        return examples;
    }

    /// <summary>The same examples with sparse features rebuilt for other block weights (embeddings and cues are kept).</summary>
    public static List<TrainingExample> WithFeatures(IEnumerable<TrainingExample> examples, FeatureSettings settings)
    {
        var features = new FeatureExtractor(settings);
        return examples.Select(e => e with { SparseBuckets = features.SparseBuckets(e.Prepared) }).ToList();
    }

    private static int IndexOf(IReadOnlyList<string> labels, string? label, LabelledLead lead, string field)
    {
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i] == label)
            {
                return i;
            }
        }

        throw new InvalidDataException($"Lead {lead.Id}: {field} '{label}' is not one of {string.Join(", ", labels)}.");
    }
}
