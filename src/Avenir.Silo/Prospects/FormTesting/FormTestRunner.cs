using Avenir.Silo.Prospects.FormTesting.Discovery;
using Avenir.Silo.Prospects.FormTesting.Fetching;
using Avenir.Silo.Prospects.FormTesting.Submission;

namespace Avenir.Silo.Prospects.FormTesting;

/// <summary>
/// Runs the first half of a form test: a polite visit (<see cref="BrowsingSession"/>), the contact form
/// (<see cref="ContactFormFinder"/>), the honest inquiry in the site's language (<see cref="InquiryComposer"/>) and
/// its submission (<see cref="FormSubmitter"/>). Never throws for anything the site does: every stop is a
/// <see cref="FormRefusal"/> in the result. Long (a request per second per host): call it from a job, not a grain.
/// </summary>
public sealed class FormTestRunner(SiteFetcher fetcher, IOptions<FormTestOptions> options, TimeProvider time)
{
    /// <summary>Visits the site, finds its form and sends the inquiry.</summary>
    public async Task<FormTestSubmitted> SubmitAsync(FormTestRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var session = fetcher.StartSession();
        var search = await new ContactFormFinder(options.Value).FindAsync(session, request.WebsiteUrl, cancellationToken);
        if (search.Form is not { } form)
        {
            return new FormTestSubmitted(
                request.TestId, false, search.Refusal, null, null, null, null, session.Requested.Count, new Dictionary<string, string>());
        }

        var inquiry = new InquiryComposer(options.Value).Compose(request.TestId, form.Language, request.ProspectName);
        var submission = await FormSubmitter.SubmitAsync(session, form, inquiry, cancellationToken);
        var filled = form.Fields
            .Where(f => f.Role is not (FormFieldRole.Hidden or FormFieldRole.Honeypot or FormFieldRole.Submit or FormFieldRole.Other))
            .GroupBy(f => f.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Role.ToString(), StringComparer.Ordinal);
        return new FormTestSubmitted(
            request.TestId,
            submission.Succeeded,
            submission.Refusal,
            form.PageUrl,
            form.Action,
            submission.Succeeded ? inquiry : null,
            submission.Succeeded ? time.GetUtcNow() : null,
            session.Requested.Count,
            filled);
    }
}
