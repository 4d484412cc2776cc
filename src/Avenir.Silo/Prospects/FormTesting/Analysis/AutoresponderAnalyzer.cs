using Avenir.Grains.Prospects;
using Avenir.Silo.Intelligence.Local;
using Avenir.Silo.Prospects.FormTesting.Mailbox;
using Avenir.Silo.Prospects.FormTesting.Submission;
using Avenir.Silo.Prospects.FormTesting.Tone;

namespace Avenir.Silo.Prospects.FormTesting.Analysis;

/// <summary>
/// Turns the answers found for a test into its <see cref="FormTestResult"/>: the first message that is an answer
/// (tone other than <c>none</c>: a bounce or a newsletter confirmation is not one) gives the response time, the
/// content, the tone and the score.
/// </summary>
public sealed class AutoresponderAnalyzer
{
    private readonly AutoresponderToneClassifier _classifier;
    private readonly Func<ISentenceEmbedder>? _embedder;

    internal AutoresponderAnalyzer(AutoresponderToneClassifier classifier, Func<ISentenceEmbedder>? embedder)
    {
        _classifier = classifier;
        _embedder = embedder;
    }

    /// <summary>The result when answers arrived; null when none of <paramref name="replies"/> is an answer.</summary>
    public FormTestResult? Analyze(string testId, Inquiry inquiry, DateTimeOffset submittedAt, IReadOnlyList<MailboxReply> replies)
    {
        ArgumentNullException.ThrowIfNull(inquiry);
        ArgumentNullException.ThrowIfNull(replies);
        foreach (var reply in replies.OrderBy(r => r.SentAt))
        {
            var minutes = Math.Max(0, (reply.SentAt - submittedAt).TotalMinutes);
            var email = new AutoresponderEmail(
                reply.Subject, reply.Body, reply.From, reply.Headers, minutes, new SubmittedInquiry(inquiry.SenderName, inquiry.Question, inquiry.Language));
            var tone = _classifier.Classify(email);
            if (tone.Tone == AutoresponderTones.None)
            {
                continue;
            }

            var similarity = QuestionSimilarity(inquiry.Question, reply.Body);
            var (score, parts) = FormTestScore.Of(tone.Cues, tone.Tone, minutes, similarity);
            var automatic = tone.Cues.AutomaticHeader || tone.Tone == AutoresponderTones.Robotic || minutes <= 10;
            return new FormTestResult(
                testId, FormTestStatuses.Completed, null, Math.Round(minutes, 2), automatic,
                (reply.Subject + "\n\n" + reply.Body).Trim(), tone.Tone, score, parts, reply.From, reply.SentAt, tone.DecidedBy);
        }

        return null;
    }

    /// <summary>The result of a test that stopped before submitting.</summary>
    public static FormTestResult Failed(string testId, string reason) =>
        new(testId, FormTestStatuses.Failed, reason, null, false, null, AutoresponderTones.None, 0, [], null, null, null);

    /// <summary>The result of a test nothing answered in time.</summary>
    public static FormTestResult TimedOut(string testId) =>
        new(testId, FormTestStatuses.Timeout, null, null, false, null, AutoresponderTones.None, 0,
            FormTestScore.Of(new AutoresponderCues(), AutoresponderTones.None, 0, 0).Parts, null, null, null);

    private double QuestionSimilarity(string question, string answer)
    {
        if (_embedder is null || string.IsNullOrWhiteSpace(answer))
        {
            return 0;
        }

        var embedder = _embedder();
        return AutomationNeedScore.Cosine(embedder.Embed(question), embedder.Embed(answer));
    }
}
