using Avenir.Grains.Prospects;
using Avenir.Silo.Prospects.FormTesting.Tone;

namespace Avenir.Silo.Prospects.FormTesting.Analysis;

/// <summary>One part of a form test's score.</summary>
/// <param name="Part"><c>speed</c>, <c>personalisation</c>, <c>language</c> or <c>next_step</c>.</param>
/// <param name="Points">Points given.</param>
/// <param name="MaxPoints">The most this part gives.</param>
/// <param name="Reason">Why, in words.</param>
public sealed record FormTestScorePart(string Part, double Points, double MaxPoints, string Reason);

/// <summary>
/// The 0–100 <c>score</c> of how well a prospect's form answered (higher is better; the automation need goes the
/// other way): <b>speed</b> 0–35 (35 within 5 min, falling linearly to 28 at 1 h, 20 at 4 h, 10 at 24 h, 0 at 48 h),
/// <b>personalisation</b> 0–35 (15 for the inquirer's name, 20 for engaging with the question: ≥ 25 % of its words or
/// an embedding similarity ≥ 0.55; 10 for a partial echo), <b>language</b> 0–15 (the inquiry's language),
/// <b>next step</b> 0–15 (a booking link 15; a proposed call, time or phone number 8). No answer scores 0.
/// </summary>
public static class FormTestScore
{
    /// <summary>The score and its parts.</summary>
    public static (int Score, IReadOnlyList<FormTestScorePart> Parts) Of(AutoresponderCues cues, string tone, double minutes, double questionSimilarity)
    {
        ArgumentNullException.ThrowIfNull(cues);
        if (tone == AutoresponderTones.None)
        {
            return (0, [new FormTestScorePart("speed", 0, 35, "no answer"), new FormTestScorePart("personalisation", 0, 35, "no answer"),
                new FormTestScorePart("language", 0, 15, "no answer"), new FormTestScorePart("next_step", 0, 15, "no answer")]);
        }

        var speed = Speed(minutes);
        var name = cues.UsesName ? 15 : 0;
        var question = cues.QuestionOverlap >= 0.25 || questionSimilarity >= 0.55 ? 20 : cues.QuestionOverlap >= 0.12 || questionSimilarity >= 0.40 ? 10 : 0;
        var language = cues.LanguageMatches == false ? 0 : 15;
        var next = cues.BookingLink ? 15 : cues.Specifics || cues.CallOrPhone ? 8 : 0;
        FormTestScorePart[] parts =
        [
            new("speed", speed, 35, Invariant($"answered after {minutes:0.#} min")),
            new("personalisation", name + question, 35,
                (cues.UsesName ? "uses the name" : "no name")
                + ", "
                + (question == 20 ? "answers the question" : question == 10 ? "touches on the question" : "ignores the question")),
            new("language", language, 15, cues.LanguageMatches switch
            {
                true => "in the inquiry's language",
                false => "in another language",
                _ => "language not told (counted as matching)",
            }),
            new("next_step", next, 15, cues.BookingLink ? "a booking link" : next == 8 ? "proposes a call or a time" : "no next step"),
        ];
        return ((int)Math.Round(parts.Sum(p => p.Points), MidpointRounding.AwayFromZero), parts);
    }

    /// <summary>Speed points: piecewise linear through (5 min, 35), (60, 28), (240, 20), (1440, 10), (2880, 0).</summary>
    public static double Speed(double minutes)
    {
        (double Minutes, double Points)[] knots = [(5, 35), (60, 28), (240, 20), (1440, 10), (2880, 0)];
        if (minutes <= knots[0].Minutes)
        {
            return 35;
        }

        for (var i = 1; i < knots.Length; i++)
        {
            if (minutes <= knots[i].Minutes)
            {
                var (m0, p0) = knots[i - 1];
                var (m1, p1) = knots[i];
                return Math.Round(p0 + (p1 - p0) * (minutes - m0) / (m1 - m0), 1);
            }
        }

        return 0;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
