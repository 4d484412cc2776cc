using Avenir.Silo.Intelligence;
using Avenir.Silo.Intelligence.Local;

namespace Avenir.Silo.Tests.Intelligence;

/// <summary>
/// Leads in languages other than English and French are recognised as such (ISO 639-1 code in
/// <see cref="LeadEnrichmentResult.DetectedLanguage"/>, low confidence) while still being handled in
/// English or French; English, French and mixed leads, spam and gibberish included, are never taken for another language.
/// </summary>
[Collection(EnrichmentEngineCollection.Name)]
public sealed class OtherLanguageTests(EnrichmentEngineFixture fixture)
{
    private readonly LocalEnrichmentEngine _engine = fixture.Engine;

    private Task<LeadEnrichmentResult> Enrich(string message, string? declaredLanguage = null) =>
        _engine.EnrichAsync(new LeadEnrichmentRequest(message, "Sam Rivera", "sam.rivera@example.com", DeclaredLanguage: declaredLanguage));

    [Theory]
    [InlineData("es", "Hola, quisiera saber cuánto cuesta una limpieza dental para mis dos hijos. ¿Tienen citas los sábados? Gracias.")]
    [InlineData("es", "Buenas tardes, necesito una cotización para cambiar el techo de mi casa lo antes posible. Muchas gracias.")]
    [InlineData("de", "Guten Tag, ich hätte gerne ein Angebot für eine neue Dachrinne an unserem Haus. Mit freundlichen Grüßen")]
    [InlineData("pt", "Olá, gostaria de marcar uma consulta para a próxima semana, por favor. Muito obrigada!")]
    [InlineData("it", "Buongiorno, vorrei sapere se fate preventivi gratuiti per il rifacimento del tetto. Grazie mille.")]
    [InlineData("zh", "您好，我想预约下周二的牙齿清洁。请问周六营业吗？谢谢！")]
    [InlineData("ar", "مرحبا، أريد حجز موعد يوم السبت لتنظيف الأسنان. شكرا")]
    [InlineData("ru", "Здравствуйте, сколько стоит замена крыши на частном доме?")]
    [InlineData("vi", "Xin chào, tôi muốn đặt lịch hẹn vào thứ Bảy tuần này. Cảm ơn!")]
    [InlineData("pa",
        "ਸਤ ਸ੍ਰੀ ਅਕਾਲ, ਮੈਨੂੰ ਸ਼ਨੀਵਾਰ ਨੂੰ ਅਪੌਇੰਟਮੈਂਟ ਚਾਹੀਦੀ ਹੈ")]
    public async Task A_lead_in_another_language_carries_its_code_and_a_low_confidence(string code, string message)
    {
        var result = await Enrich(message);

        Assert.Equal(code, result.DetectedLanguage);
        Assert.True(result.IsOtherLanguage);
        Assert.True(EnrichmentLabels.IsLanguage(result.Language), result.Language);
        Assert.InRange(result.Confidence, 0.0, LocalEnrichmentEngine.OtherLanguageConfidenceCap);
        Assert.True(result.FieldConfidences["language"] < 0.5, $"language confidence {result.FieldConfidences["language"]}");
        Assert.True(result.FieldConfidences["detected_language"] >= 0.5, $"detected language confidence {result.FieldConfidences["detected_language"]}");
        Assert.False(result.IsMixedLanguage);
        // The labels are still predicted from the label sets.
        Assert.True(EnrichmentLabels.IsIntent(result.Intent));
        Assert.True(EnrichmentLabels.IsUrgency(result.Urgency));
        Assert.True(EnrichmentLabels.IsTone(result.Tone));
    }

    [Fact]
    public async Task A_lead_in_another_language_is_handled_in_the_declared_form_language()
    {
        var result = await Enrich("Hola, necesito una cotización para pintar mi apartamento de dos habitaciones. Gracias.", declaredLanguage: "fr");

        Assert.Equal(("fr", "es"), (result.Language, result.DetectedLanguage));
    }

    [Fact]
    public async Task A_spanish_lead_is_less_confident_than_the_same_lead_in_english()
    {
        var spanish = await Enrich("Hola, necesito una cotización para cambiar el techo de mi casa lo antes posible. Gracias.");
        var english = await Enrich("Hi, I need a quote to replace the roof on my house as soon as possible. Thanks.");

        Assert.False(english.IsOtherLanguage);
        Assert.True(spanish.Confidence < english.Confidence, $"spanish {spanish.Confidence}, english {english.Confidence}");
    }

    [Fact]
    public async Task A_mixed_english_and_french_lead_is_flagged_mixed_not_other()
    {
        var result = await Enrich(
            "Hello, we are a bakery in Gatineau and we would like a quote for a new website with online ordering. "
            + "Bonjour, nous sommes une boulangerie à Gatineau et nous voulons un nouveau site web avec commandes en ligne.");

        Assert.True(result.IsMixedLanguage);
        Assert.False(result.IsOtherLanguage);
        Assert.Equal(result.Language, result.DetectedLanguage);
    }

    [Theory]
    [InlineData("en", "Hi, do you service heat pumps in Moncton? Thanks!")]
    [InlineData("en", "OK thanks")]
    [InlineData("en", "demo pls")]
    [InlineData("en", "asdfjkl qwe 12345 testtest")]
    [InlineData("en", "sdfsdf sdfsdf dfgdfg")]
    [InlineData("en",
        "best online casino bonus casino bonus free spins casino online canada https://casino-bonus-spins.test "
        + "free slots casino bonus 2024 free spins no deposit")]
    [InlineData("en", "buy backlinks cheap backlinks high DA backlinks guest post backlinks https://links.test")]
    [InlineData("en", "FREE NFT MINT LIVE NOW 🔥🔥 Only 500 left!! Connect your wallet to claim yours")]
    [InlineData("en", "Hola! My name is Maria and I'd like to book a cleaning next week. Gracias!")]
    [InlineData("fr", "Bonjour, j'aimerais savoir si vous faites l'entretien de thermopompes à Sherbrooke. Merci!")]
    [InlineData("fr", "Merci")]
    [InlineData("fr", "vous faites-tu le déneigement à Saint-Augustin ou juste à Québec?")]
    [InlineData("fr", "Investissez seulement 250 $ et recevez 5 000 $ en 7 jours grâce à notre robot de trading Bitcoin!!! 💰💰")]
    [InlineData("fr", "Salut! Je suis dev full-stack (React, Node, un peu de Go) avec 3 ans d'expérience en startup.")]
    [InlineData("fr", "achat backlinks pas cher backlinks qualité articles invités référencement")]
    [InlineData("fr", "mon char part pu, ça clique quand je tourne la clé. pouvez vous venir le chercher aujourdhui? st-romuald")]
    [InlineData("fr", "Hello! J'aimerais booker un call de 30 min avec quelqu'un de votre team pour jaser de notre stratégie SEO.")]
    [InlineData("fr", "qsdfqsdf azeaze")]
    public async Task English_french_spam_and_gibberish_are_never_taken_for_another_language(string declared, string message)
    {
        var result = await Enrich(message, declared);

        Assert.False(result.IsOtherLanguage, $"detected {result.DetectedLanguage}");
        Assert.Equal(result.Language, result.DetectedLanguage);
    }
}
