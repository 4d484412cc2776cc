namespace Avenir.Silo.Intelligence.Local;

/// <summary>
/// Turns a prepared lead into model features: the MiniLM sentence embedding (strong for English),
/// hashed word 1–2-grams and character 3–5-grams of the folded text (what carries French, which
/// MiniLM does not understand), form signals (sender domain words, company present), style tokens
/// (case, punctuation, greeting) and cue counts.
/// </summary>
internal sealed class FeatureExtractor(FeatureSettings settings)
{
    private const string WordPrefix = "w:";
    private const string BigramPrefix = "b:";
    private const string CharacterPrefix = "c:";
    private const string FormPrefix = "f:";
    private const string StylePrefix = "s:";

    /// <summary>Each block hashes into its own range of buckets, so a row's block is its bucket shifted right.</summary>
    private const int WordBlock = 0;
    private const int CharacterBlock = 1;
    private const int FormBlock = 2;
    private const int StyleBlock = 3;

    public FeatureSettings Settings { get; } = settings;

    /// <summary>
    /// Hashed sparse features with their values: per block, sublinear term frequency scaled to unit
    /// length and then by the block weight, so that long messages do not dominate.
    /// </summary>
    public Dictionary<int, float> SparseBuckets(PreparedLead lead)
    {
        var words = new Dictionary<int, float>();
        var characters = new Dictionary<int, float>();
        var form = new Dictionary<int, float>();
        var style = new Dictionary<int, float>();
        var tokens = lead.Words;
        for (var i = 0; i < tokens.Count; i++)
        {
            Add(words, Bucket(WordBlock, WordPrefix, tokens[i]));
            if (i + 1 < tokens.Count)
            {
                Add(words, Bucket(WordBlock, BigramPrefix, tokens[i] + " " + tokens[i + 1]));
            }

            if (Settings.CharacterWeight != 0f)
            {
                AddCharacterGrams(characters, tokens[i]);
            }
        }

        AddFormSignals(form, lead);
        if (Settings.StyleWeight != 0f)
        {
            foreach (var token in StyleTokens.Of(lead))
            {
                Add(style, Bucket(StyleBlock, StylePrefix, token));
            }
        }

        var result = new Dictionary<int, float>(words.Count + characters.Count + form.Count + style.Count);
        Merge(result, words, Settings.WordWeight, sublinear: true);
        Merge(result, characters, Settings.CharacterWeight, sublinear: true);
        Merge(result, form, Settings.FormWeight, sublinear: false);
        Merge(result, style, Settings.StyleWeight, sublinear: true);
        return result;
    }

    /// <summary>True when <paramref name="bucket"/> holds a style token (its weights may be penalised differently).</summary>
    public static bool IsStyleBucket(int bucket) => bucket >> FeatureHashing.BucketBits == StyleBlock;

    /// <summary>
    /// Builds the vector the classifiers read, keeping only buckets the vocabulary knows.
    /// <paramref name="isFrench"/> (the detected language) places the embedding in its copy when the
    /// layout has one per language.
    /// </summary>
    public FeatureVector Vector(IReadOnlyDictionary<int, float> sparseBuckets, float[] embedding, float[] cues, FeatureVocabulary vocabulary, bool isFrench)
    {
        var dimension = embedding.Length;
        var embeddingColumns = dimension * Settings.EmbeddingCopies;
        var dense = new float[embeddingColumns + cues.Length];
        for (var i = 0; i < dimension; i++)
        {
            var value = embedding[i] * Settings.EmbeddingWeight;
            switch (Settings.Embedding)
            {
                case EmbeddingLayout.Shared:
                    dense[i] = value;
                    break;
                case EmbeddingLayout.SharedPlusFrench:
                    dense[i] = value;
                    dense[dimension + i] = isFrench ? value : 0f;
                    break;
                case EmbeddingLayout.PerLanguage:
                    dense[(isFrench ? dimension : 0) + i] = value;
                    break;
            }
        }

        for (var i = 0; i < cues.Length; i++)
        {
            dense[embeddingColumns + i] = cues[i] * Settings.CueWeight;
        }

        var (rows, values) = KnownRows(sparseBuckets, vocabulary);
        return new FeatureVector(dense, rows, values);
    }

    /// <summary>A vector with the n-gram evidence only (dense block zero), e.g. to score one sentence cheaply.</summary>
    public static FeatureVector SparseOnly(IReadOnlyDictionary<int, float> sparseBuckets, FeatureVocabulary vocabulary, int denseSize)
    {
        var (rows, values) = KnownRows(sparseBuckets, vocabulary);
        return new FeatureVector(new float[denseSize], rows, values);
    }

    /// <summary>The buckets the vocabulary knows, as its rows and their values; unknown buckets carry no evidence.</summary>
    private static (int[] Rows, float[] Values) KnownRows(IReadOnlyDictionary<int, float> sparseBuckets, FeatureVocabulary vocabulary)
    {
        var rows = new List<int>(sparseBuckets.Count);
        var values = new List<float>(sparseBuckets.Count);
        foreach (var (bucket, value) in sparseBuckets)
        {
            if (vocabulary.TryGetRow(bucket, out var row))
            {
                rows.Add(row);
                values.Add(value);
            }
        }

        return ([.. rows], [.. values]);
    }

    /// <summary>Share of the message's words that the model's vocabulary knows: low for Spanish, German or gibberish.</summary>
    public static double KnownWordShare(PreparedLead lead, FeatureVocabulary vocabulary)
    {
        var considered = 0;
        var known = 0;
        foreach (var word in lead.Words)
        {
            if (word.Length < 2 || word[0] == '0')
            {
                continue;
            }

            considered++;
            if (vocabulary.TryGetRow(Bucket(WordBlock, WordPrefix, word), out _))
            {
                known++;
            }
        }

        return considered == 0 ? 0 : (double)known / considered;
    }

    /// <summary>Bucket of a word unigram, so other components (the summariser) can look up its weights.</summary>
    public static int WordBucket(string foldedWord) => Bucket(WordBlock, WordPrefix, foldedWord);

    private static int Bucket(int block, ReadOnlySpan<char> prefix, ReadOnlySpan<char> text) =>
        (block << FeatureHashing.BucketBits) | FeatureHashing.Bucket(prefix, text);

    private void AddCharacterGrams(Dictionary<int, float> target, string word)
    {
        // Word-bounded grams (" word ") like scikit-learn's char_wb: robust to typos and French inflection.
        var padded = " " + (word.Length > 30 ? word[..30] : word) + " ";
        for (var n = Settings.MinimumCharacterGram; n <= Settings.MaximumCharacterGram; n++)
        {
            for (var start = 0; start + n <= padded.Length; start++)
            {
                Add(target, Bucket(CharacterBlock, CharacterPrefix, padded.AsSpan(start, n)));
            }
        }
    }

    private static void AddFormSignals(Dictionary<int, float> target, PreparedLead lead)
    {
        var domain = CueFeatures.EmailDomain(lead.Email);
        if (domain is null)
        {
            Add(target, Bucket(FormBlock, FormPrefix, "no-email"));
        }
        else if (CueFeatures.IsGenericMailDomain(domain))
        {
            Add(target, Bucket(FormBlock, FormPrefix, "generic-domain"));
        }
        else
        {
            Add(target, Bucket(FormBlock, FormPrefix, "own-domain"));
            var name = domain.Contains('.', StringComparison.Ordinal) ? domain[..domain.LastIndexOf('.')] : domain;
            foreach (var part in MessageText.Words(MessageText.Fold(name.Replace('-', ' ').Replace('.', ' '))))
            {
                Add(target, Bucket(FormBlock, FormPrefix, "domain:" + part));
            }

            // Sub-word pieces of the domain generalise "crypto-profits" to "cryptoprofit".
            var compact = new string(MessageText.Fold(name).Where(char.IsLetter).ToArray());
            for (var start = 0; start + 5 <= compact.Length; start++)
            {
                Add(target, Bucket(FormBlock, FormPrefix, string.Concat("dgram:", compact.AsSpan(start, 5))));
            }
        }

        Add(target, Bucket(FormBlock, FormPrefix, lead.Company is null ? "no-company" : "company"));
        if (lead.Company is not null)
        {
            foreach (var word in MessageText.Words(MessageText.Fold(lead.Company)))
            {
                Add(target, Bucket(FormBlock, FormPrefix, "company:" + word));
            }
        }

        var nameWords = lead.Name is null ? 0 : MessageText.Words(MessageText.Fold(lead.Name)).Count;
        Add(target, Bucket(FormBlock, FormPrefix, "name-words:" + Math.Min(nameWords, 4)));
    }

    private static void Add(Dictionary<int, float> target, int bucket) =>
        target[bucket] = target.GetValueOrDefault(bucket) + 1f;

    private static void Merge(Dictionary<int, float> result, Dictionary<int, float> block, float weight, bool sublinear)
    {
        if (block.Count == 0 || weight == 0f)
        {
            return;
        }

        double squared = 0;
        foreach (var key in block.Keys.ToList())
        {
            var value = sublinear ? 1f + MathF.Log(block[key]) : block[key];
            block[key] = value;
            squared += value * value;
        }

        var scale = weight / (float)Math.Sqrt(squared);
        foreach (var (bucket, value) in block)
        {
            result[bucket] = result.GetValueOrDefault(bucket) + value * scale;
        }
    }
}
