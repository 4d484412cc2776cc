using Avenir.Grains.Prospects;
using Avenir.Silo.Prospects.FormTesting.Analysis;
using Avenir.Silo.Prospects.FormTesting.Tone;

namespace Avenir.Silo.Tests.Prospects.FormTesting;

[Collection(FormTestCollection.Name)]
public sealed class AutoresponderToneTests(FormTestFixture fixture)
{
    private static readonly SubmittedInquiry Question = new("Sarah Mitchell", "Do you offer a free first consultation for a lease dispute?", "en");

    [Fact]
    public void The_shipped_set_has_at_least_80_labelled_emails_of_every_tone_in_both_languages()
    {
        var set = AutoresponderToneClassifier.LabelledSet();

        Assert.True(set.Count >= 80, $"{set.Count} emails");
        foreach (var tone in AutoresponderTones.All)
        {
            Assert.Contains(set, e => e.Tone == tone && e.Submitted?.Language == "en");
            Assert.Contains(set, e => e.Tone == tone && e.Submitted?.Language == "fr");
        }

        Assert.Equal(set.Count, set.Select(e => e.Fingerprint).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Cross_validated_figures_are_computed_out_of_fold_and_stay_well_above_chance()
    {
        var set = AutoresponderToneClassifier.LabelledSet();

        var report = AutoresponderEvaluationCommand.Evaluate(set, set, fixture.Tone.Embedder, crossValidate: false, folds: 4);

        Assert.Contains("4-fold cross-validation", report.Text, StringComparison.Ordinal);
        Assert.Equal(set.Count, report.Figures["n"]);
        Assert.True(report.Figures["macro_f1"] > 0.7, report.Text);
        Assert.All(AutoresponderTones.All, tone => Assert.True(report.Figures["recall_" + tone] > 0.5, report.Text));
        var last = System.Text.Json.JsonDocument.Parse(report.Json).RootElement;
        Assert.Equal(report.Figures["accuracy"], last.GetProperty("accuracy").GetDouble(), 4);
        Assert.True(last.TryGetProperty("macro_f1", out _));
    }

    [Fact]
    public void Emails_of_a_new_file_are_classified_by_a_model_that_never_saw_them()
    {
        var set = AutoresponderToneClassifier.LabelledSet();
        var shipped = set.Where((_, i) => i % 10 != 0).ToList();
        var file = set.Where((_, i) => i % 10 == 0).Append(shipped[0]).ToList(); // new emails, and one the model would know

        var report = AutoresponderEvaluationCommand.Evaluate(file, shipped, fixture.Tone.Embedder, crossValidate: false);

        Assert.Contains($"trained on the {shipped.Count - 1} shipped emails not in the file (1 left out)", report.Text, StringComparison.Ordinal);
        Assert.Equal(file.Count, report.Predicted.Count);
        Assert.True(report.Figures["accuracy"] > 0.5, report.Text);
    }

    [Fact]
    public void Bounces_and_empty_messages_are_no_answer_by_rule()
    {
        var bounce = Classify("Undeliverable: Question", "Delivery has failed to these recipients or groups: info@x.ca", "postmaster@outlook.com",
            new Dictionary<string, string> { ["Content-Type"] = "multipart/report; report-type=delivery-status" }, 0.2);
        var empty = Classify("", "", "info@x.ca", [], 10);

        Assert.Equal((AutoresponderTones.None, "rule:bounce"), (bounce.Tone, bounce.DecidedBy));
        Assert.Equal((AutoresponderTones.None, "rule:empty"), (empty.Tone, empty.DecidedBy));
    }

    [Fact]
    public void The_model_tells_a_template_from_a_personal_answer_it_has_not_seen()
    {
        var robotic = Classify("Confirmation: we received your submission",
            "Thank you for your submission. This is an automatic confirmation. Our office will respond within 2 business days. "
            + "Please do not reply to this message.",
            "no-reply@legalclinic.test", new Dictionary<string, string> { ["Auto-Submitted"] = "auto-replied" }, 0.3);
        var personal = Classify("Re: free first consultation",
            "Hi Sarah,\n\nYes - the first 30-minute consultation for a lease dispute is free. Bring your lease and the landlord's notices. "
            + "I can see you Tuesday at 10 am or Wednesday at 4 pm; book here: https://calendly.com/legal-clinic/intro\n\nAnna Fischer\nLawyer",
            "Anna Fischer <anna@legalclinic.test>", [], 95);

        Assert.Equal(AutoresponderTones.Robotic, robotic.Tone);
        Assert.Equal("rule:template", robotic.DecidedBy); // automatic header + template phrases, no name, no question
        Assert.Equal(AutoresponderTones.Personalized, personal.Tone);
        Assert.Equal("model", personal.DecidedBy);
        Assert.Equal(1.0, personal.Probabilities.Values.Sum(), 3);
        Assert.True(personal.Cues.UsesName && personal.Cues.BookingLink && personal.Cues.LanguageMatches == true);
    }

    [Fact]
    public void The_score_rewards_speed_the_name_the_question_the_language_and_a_booking_link()
    {
        var cues = AutoresponderCues.Of(new AutoresponderEmail(
            "Re",
            "Bonjour Sarah, oui, la première consultation est gratuite. Réservez ici : https://calendly.com/x",
            "a@b.test",
            new Dictionary<string, string>(),
            3,
            Question with { Language = "en" }));
        var (score, parts) = FormTestScore.Of(cues, AutoresponderTones.Personalized, 3, 0.7);

        Assert.Equal(35 + 35 + 0 + 15, score); // fast, name + question, wrong language, booking link
        Assert.Equal(["speed", "personalisation", "language", "next_step"], parts.Select(p => p.Part));
        Assert.Equal(0, FormTestScore.Of(cues, AutoresponderTones.None, 3, 0.7).Score);
        Assert.Equal(28, FormTestScore.Speed(60));
        Assert.Equal(10, FormTestScore.Speed(1440));
        Assert.Equal(0, FormTestScore.Speed(3000));
    }

    private AutoresponderToneResult Classify(string subject, string body, string from, Dictionary<string, string> headers, double minutes) =>
        fixture.Tone.Classifier.Classify(new AutoresponderEmail(subject, body, from, headers, minutes, Question));
}
