using Avenir.Silo.Prospects.FormTesting.Analysis;
using Avenir.Silo.Prospects.FormTesting.Mailbox;

namespace Avenir.Silo.Prospects.FormTesting;

/// <summary>
/// The second half of a form test: watches the mailbox for the answer to the test's reply address and ends the test
/// <c>completed</c> or, after <see cref="FormTestOptions.Timeout"/> (48 h by default), <c>timeout</c>. A job or a
/// grain reminder calls <see cref="CheckAsync"/> now and then (it is one IMAP visit); <see cref="WaitAsync"/> loops
/// on it every <see cref="FormTestOptions.PollInterval"/>. Time comes from <see cref="TimeProvider"/>, waits from
/// <see cref="IDelay"/>.
/// </summary>
public sealed class FormTestWatcher(
    IFormTestMailbox mailbox, AutoresponderAnalyzer analyzer, IOptions<FormTestOptions> options, TimeProvider time, IDelay delay)
{
    /// <summary>The result once the test has ended; null while it is still waiting for an answer.</summary>
    public async Task<FormTestResult?> CheckAsync(FormTestSubmitted submitted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submitted);
        if (!submitted.Submitted || submitted.Inquiry is not { } inquiry || submitted.SubmittedAt is not { } submittedAt)
        {
            return AutoresponderAnalyzer.Failed(submitted.TestId, submitted.Refusal is { } refusal ? $"{refusal.Code}: {refusal.Detail}" : "not submitted");
        }

        var replies = await mailbox.FindRepliesAsync(inquiry.ReplyAddress, submittedAt, cancellationToken);
        if (analyzer.Analyze(submitted.TestId, inquiry, submittedAt, replies) is { } result)
        {
            return result;
        }

        return time.GetUtcNow() - submittedAt >= options.Value.Timeout ? AutoresponderAnalyzer.TimedOut(submitted.TestId) : null;
    }

    /// <summary>Checks until the test ends.</summary>
    public async Task<FormTestResult> WaitAsync(FormTestSubmitted submitted, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await CheckAsync(submitted, cancellationToken) is { } result)
            {
                return result;
            }

            // Never sleep past the deadline: the last check is at the timeout itself.
            var deadline = submitted.SubmittedAt!.Value + options.Value.Timeout;
            var wait = deadline - time.GetUtcNow();
            await delay.WaitAsync(wait < options.Value.PollInterval ? wait : options.Value.PollInterval, cancellationToken);
        }
    }
}
