using Avenir.Silo.Prospects.FormTesting.Discovery;

namespace Avenir.Silo.Prospects.FormTesting.Submission;

/// <summary>What submitting the form gave.</summary>
/// <param name="Succeeded">The site accepted it (a 2xx answer, redirects followed).</param>
/// <param name="StatusCode">The final status.</param>
/// <param name="FinalUrl">Where the submission ended (often a thank-you page).</param>
/// <param name="Refusal">Why it did not succeed (robots.txt, HTTP error, no answer).</param>
public sealed record FormSubmission(bool Succeeded, int StatusCode, Uri FinalUrl, FormRefusal? Refusal);
