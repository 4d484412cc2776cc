using Avenir.Silo.Intelligence;
using Avenir.Silo.Intelligence.Local;

namespace Avenir.Silo.Tests.Intelligence;

public sealed class FeatureExtractorTests
{
    private readonly FeatureExtractor _features = new(new FeatureSettings());

    private Dictionary<int, float> Buckets(string message, string? email = null, string? company = null) =>
        _features.SparseBuckets(PreparedLead.From(new LeadEnrichmentRequest(message, Email: email, Company: company)));

    [Fact]
    public void Accented_and_unaccented_french_give_the_same_features()
    {
        Assert.Equal(Buckets("Déjà réservé pour ce soir"), Buckets("deja reserve pour ce soir"));
    }

    [Fact]
    public void Different_messages_give_different_features()
    {
        Assert.NotEqual(Buckets("quote for a roof").Keys.Order(), Buckets("book a table tonight").Keys.Order());
    }

    [Fact]
    public void Sender_domain_words_become_features()
    {
        var withCryptoDomain = Buckets("hello", email: "vip@crypto-profits.test");
        var withMailDomain = Buckets("hello", email: "someone@gmail.com");

        Assert.NotEqual(withCryptoDomain.Keys.Order(), withMailDomain.Keys.Order());
    }

    [Fact]
    public void Each_feature_block_has_unit_length_times_its_weight()
    {
        var settings = new FeatureSettings { WordWeight = 0f, FormWeight = 0f, CharacterWeight = 2f };
        var buckets = new FeatureExtractor(settings).SparseBuckets(PreparedLead.From(new LeadEnrichmentRequest("roof repair quote please")));

        var length = Math.Sqrt(buckets.Values.Sum(v => (double)v * v));

        Assert.Equal(2.0, length, 3);
    }

    [Fact]
    public void Hashing_follows_published_fnv1a_vectors()
    {
        // FNV-1a 32-bit of "a" is 0xe40c292c and of "foobar" 0xbf9cf968 (published test vectors).
        Assert.Equal((int)(0xe40c292cu & FeatureHashing.BucketMask), FeatureHashing.Bucket(string.Empty, "a"));
        Assert.Equal((int)(0xbf9cf968u & FeatureHashing.BucketMask), FeatureHashing.Bucket("foo", "bar"));
    }

    [Fact]
    public void Time_pressure_cue_fires_in_both_languages_and_not_without_it()
    {
        static float Pressure(string message) => CueFeatures.Compute(PreparedLead.From(new LeadEnrichmentRequest(message)))[8];

        Assert.True(Pressure("We need someone here today, ASAP.") > 0);
        Assert.True(Pressure("Il faut que ce soit réglé aujourd'hui svp") > 0);
        Assert.Equal(0f, Pressure("Just wondering about your prices for next year."));
    }

    [Fact]
    public void Unknown_words_lower_the_known_word_share()
    {
        var vocabulary = new FeatureVocabulary([.. new[] { "need", "a", "quote", "for", "roof" }.Select(FeatureExtractor.WordBucket).Order()]);
        static PreparedLead Lead(string message) => PreparedLead.From(new LeadEnrichmentRequest(message));

        Assert.Equal(1.0, FeatureExtractor.KnownWordShare(Lead("Need a quote for roof"), vocabulary), 6);
        Assert.Equal(0.0, FeatureExtractor.KnownWordShare(Lead("Necesito una cotización"), vocabulary), 6);
    }
}
