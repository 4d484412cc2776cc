namespace Avenir.Grains.Prospects;

/// <summary>
/// <c>automation_need_score</c>: how much a prospect would gain from the agency's automation, 45–95.
/// A pure function: <c>score = 45 + industry (0–12) + size (0–10) + contact form (0–8) + form test (0–12)
/// + profile similarity (0–8)</c>, rounded, so the 50 points above the floor are spread over five signals.
/// Documented with examples in docs/prospects.md.
/// <list type="bullet">
/// <item><b>industry</b> = 12 × priority / 100 (missing: 6).</item>
/// <item><b>company size</b>: 1–10 employees 10, 11–50 8, 51–200 4, 201–1000 2, larger 0 (missing: 5) — small
/// businesses answer their own forms and feel every lost lead.</item>
/// <item><b>contact form</b>: none found 8 (visitors cannot leave a lead), found 0, not looked at 4.</item>
/// <item><b>form test</b>: by tone, no answer (timeout) 12, robotic 8, human 4, personalised 0, plus slowness: +2 when
/// the answer took 4 h or more, +1 from 1 h (capped at 12); no form to test 12 (nothing answers a lead either); could
/// not run (CAPTCHA, JavaScript-only…) or not run yet 6.</item>
/// <item><b>profile similarity</b>: the best cosine similarity between the description and the agency profile's
/// chunks, 0 at ≤ 0.10 rising linearly to 8 at ≥ 0.60 (missing: 4).</item>
/// </list>
/// </summary>
public static class AutomationNeedScore
{
    /// <summary>The lowest score.</summary>
    public const int Minimum = 45;

    /// <summary>The highest score.</summary>
    public const int Maximum = 95;

    private const double IndustryMax = 12;
    private const double SizeMax = 10;
    private const double FormMax = 8;
    private const double TestMax = 12;
    private const double SimilarityMax = 8;
    private const double SimilarityFloor = 0.10;
    private const double SimilarityCeiling = 0.60;

    /// <summary>Scores <paramref name="signals"/> and explains every point.</summary>
    public static AutomationNeedAssessment Assess(AutomationNeedSignals signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        AutomationNeedContribution[] contributions =
        [
            Industry(signals.IndustryPriority),
            Size(signals.EmployeeCount),
            ContactForm(signals.ContactForm),
            FormTest(signals.FormTest, signals.ContactForm),
            Similarity(signals),
        ];
        var total = Minimum + contributions.Sum(c => c.Points);
        var score = (int)Math.Round(Math.Clamp(total, Minimum, Maximum), MidpointRounding.AwayFromZero);
        return new AutomationNeedAssessment(score, contributions);
    }

    /// <summary>Cosine similarity of two vectors of one model; 0 when either is empty or all zeros.</summary>
    public static double Cosine(IReadOnlyList<float> a, IReadOnlyList<float> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count)
        {
            throw new ArgumentException("Vectors of different models (dimensions) are not comparable.", nameof(b));
        }

        double dot = 0, normA = 0, normB = 0;
        for (var i = 0; i < a.Count; i++)
        {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }

        return normA == 0 || normB == 0 ? 0 : dot / Math.Sqrt(normA * normB);
    }

    private static AutomationNeedContribution Industry(int? priority)
    {
        if (priority is null)
        {
            return new("industry", IndustryMax / 2, IndustryMax, "industry priority unknown");
        }

        var clamped = Math.Clamp(priority.Value, 0, 100);
        return new("industry", Round(IndustryMax * clamped / 100.0), IndustryMax, Invariant($"industry priority {clamped}/100"));
    }

    private static AutomationNeedContribution Size(int? employees) => employees switch
    {
        null => new("company_size", SizeMax / 2, SizeMax, "company size unknown"),
        <= 10 => new("company_size", 10, SizeMax, Invariant($"{employees} employees: a very small business")),
        <= 50 => new("company_size", 8, SizeMax, Invariant($"{employees} employees: a small business")),
        <= 200 => new("company_size", 4, SizeMax, Invariant($"{employees} employees: a mid-sized business")),
        <= 1000 => new("company_size", 2, SizeMax, Invariant($"{employees} employees: a large business")),
        _ => new("company_size", 0, SizeMax, Invariant($"{employees} employees: an enterprise with its own teams")),
    };

    private static AutomationNeedContribution ContactForm(bool? found) => found switch
    {
        null => new("contact_form", 4, FormMax, "site not checked for a contact form yet"),
        false => new("contact_form", 8, FormMax, "no contact form found: visitors have no way to leave a lead"),
        true => new("contact_form", 0, FormMax, "a contact form was found"),
    };

    private static AutomationNeedContribution FormTest(FormTestSignal? test, bool? contactForm)
    {
        if (test is null && contactForm == false)
        {
            return new("form_test", TestMax, TestMax, "no form to test: nothing answers a lead");
        }

        if (test is null || test.Status == FormTestStatuses.Failed)
        {
            return new("form_test", TestMax / 2, TestMax, test is null ? "form not tested" : "form test could not run");
        }

        var (points, reason) = test.Status == FormTestStatuses.Timeout ? (12.0, "no answer before the timeout") : test.Tone switch
        {
            AutoresponderTones.None => (12.0, "no answer to the inquiry"),
            AutoresponderTones.Robotic => (8.0, "a robotic autoresponder"),
            AutoresponderTones.Human => (4.0, "a generic answer written by a person"),
            AutoresponderTones.Personalized => (0.0, "a personalised answer"),
            _ => (6.0, "answer of unknown tone"),
        };
        if (test.ResponseTimeMinutes is { } minutes && test.Status == FormTestStatuses.Completed)
        {
            var slowness = minutes >= 240 ? 2 : minutes >= 60 ? 1 : 0;
            points += slowness;
            reason += Invariant($" after {FormatMinutes(minutes)}");
        }

        return new("form_test", Math.Min(points, TestMax), TestMax, reason);
    }

    private static AutomationNeedContribution Similarity(AutomationNeedSignals signals)
    {
        if (signals.ProfileSimilarity is { } computed)
        {
            return SimilarityPoints(computed);
        }

        var (description, profile) = (signals.DescriptionEmbedding, signals.ProfileEmbeddings);
        if (description is null || description.Count == 0 || profile is null || profile.Count == 0)
        {
            return new("profile_similarity", SimilarityMax / 2, SimilarityMax, signals.DescriptionNotCompared
                ? "description not compared with the agency profile yet"
                : "no description to compare with the agency profile");
        }

        var best = profile.Where(chunk => chunk.Count == description.Count).Select(chunk => Cosine(description, chunk)).DefaultIfEmpty(double.NaN).Max();
        if (double.IsNaN(best))
        {
            return new("profile_similarity", SimilarityMax / 2, SimilarityMax, "profile embeddings are of another model");
        }

        return SimilarityPoints(best);
    }

    private static AutomationNeedContribution SimilarityPoints(double best)
    {
        var share = Math.Clamp((best - SimilarityFloor) / (SimilarityCeiling - SimilarityFloor), 0, 1);
        return new("profile_similarity", Round(SimilarityMax * share), SimilarityMax, Invariant($"similarity to the agency profile {best:0.00}"));
    }

    private static string FormatMinutes(double minutes) =>
        minutes < 90 ? Invariant($"{minutes:0} min") : Invariant($"{minutes / 60:0.#} h");

    private static double Round(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
