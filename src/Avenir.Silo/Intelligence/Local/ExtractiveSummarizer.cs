namespace Avenir.Silo.Intelligence.Local;

/// <summary>
/// Picks the most informative sentence(s) of the message itself — never invented text. A sentence
/// scores by how much evidence its own n-grams give the predicted intent compared with the other
/// intents (so "Bonjour," or "Thanks!" score low), with a small bonus for early sentences. If the
/// best sentence is short, the next best is added in message order; the result is cut to 200
/// characters at a word boundary.
/// </summary>
internal sealed class ExtractiveSummarizer(FeatureExtractor features, FeatureVocabulary vocabulary, SoftmaxClassifier intentClassifier)
{
    public const int MaxLength = 200;
    private const int MaxSentencesScored = 20;

    public string Summarize(string cleanMessage, int predictedIntent)
    {
        if (cleanMessage.Length == 0)
        {
            return string.Empty;
        }

        var sentences = SentenceSplitter.Split(cleanMessage).Take(MaxSentencesScored).ToList();
        if (sentences.Count <= 1 || cleanMessage.Length <= MaxLength)
        {
            // A short message is its own best summary.
            return MessageText.TruncateAtWord(Flatten(cleanMessage), MaxLength);
        }

        var scores = new double[sentences.Count];
        for (var i = 0; i < sentences.Count; i++)
        {
            var prepared = PreparedLead.From(new LeadEnrichmentRequest(sentences[i]));
            // Only the n-gram evidence of the sentence: embedding a sentence each would cost 15 ms.
            var vector = FeatureExtractor.SparseOnly(features.SparseBuckets(prepared), vocabulary, intentClassifier.DenseSize);
            var logits = intentClassifier.Logits(vector);
            var others = (logits.Sum() - logits[predictedIntent]) / (logits.Length - 1);
            var wordCount = prepared.Words.Count;
            var lengthFactor = wordCount < 4 ? 0.3 : 1.0;
            scores[i] = (logits[predictedIntent] - others) * lengthFactor + 0.15 * (1.0 - (double)i / sentences.Count);
        }

        var order = Enumerable.Range(0, sentences.Count).OrderByDescending(i => scores[i]).ToList();
        var chosen = new List<int> { order[0] };
        var length = sentences[order[0]].Length;
        foreach (var candidate in order.Skip(1))
        {
            if (length >= 100 || scores[candidate] <= 0)
            {
                break;
            }

            if (length + 1 + sentences[candidate].Length <= MaxLength)
            {
                chosen.Add(candidate);
                length += 1 + sentences[candidate].Length;
            }
        }

        chosen.Sort();
        return MessageText.TruncateAtWord(Flatten(string.Join(' ', chosen.Select(i => sentences[i]))), MaxLength);
    }

    private static string Flatten(string text) => text.Replace('\n', ' ');
}
