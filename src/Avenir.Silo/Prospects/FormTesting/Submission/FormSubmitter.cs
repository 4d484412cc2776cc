using System.Net.Http.Headers;
using Avenir.Silo.Prospects.FormTesting.Discovery;
using Avenir.Silo.Prospects.FormTesting.Fetching;

namespace Avenir.Silo.Prospects.FormTesting.Submission;

/// <summary>
/// Submits a <see cref="ContactForm"/> as a browser would: the form's method, its encoding
/// (<c>application/x-www-form-urlencoded</c> or <c>multipart/form-data</c>), the resolved action URL, the page as
/// Referer and the session's cookies. A POST is sent once and never retried (a retry could send the inquiry twice).
/// </summary>
public static class FormSubmitter
{
    /// <summary>Sends the form filled with <paramref name="inquiry"/> through <paramref name="session"/>.</summary>
    public static async Task<FormSubmission> SubmitAsync(BrowsingSession session, ContactForm form, Inquiry inquiry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(form);
        var values = FormValues.For(form, inquiry);
        SiteResponse response;
        if (form.Method == "GET")
        {
            var query = string.Join('&', values.Select(v => Uri.EscapeDataString(v.Key) + "=" + Uri.EscapeDataString(v.Value)));
            var target = new UriBuilder(form.Action) { Query = query }.Uri;
            response = await session.SendAsync(HttpMethod.Get, target, null, form.PageUrl, cancellationToken);
        }
        else
        {
            using var content = Content(form, values);
            response = await session.SendAsync(HttpMethod.Post, form.Action, content, form.PageUrl, cancellationToken);
        }

        if (response.DisallowedByRobots)
        {
            return new FormSubmission(
                false, 0, response.FinalUrl, new FormRefusal(FormRefusalReason.RobotsDisallowed, $"robots.txt forbids {response.FinalUrl.AbsolutePath}"));
        }

        if (response.Error is not null)
        {
            return new FormSubmission(false, 0, response.FinalUrl, new FormRefusal(FormRefusalReason.Unreachable, response.Error));
        }

        return response.IsSuccess
            ? new FormSubmission(true, response.StatusCode, response.FinalUrl, null)
            : new FormSubmission(false, response.StatusCode, response.FinalUrl,
                new FormRefusal(FormRefusalReason.HttpError, $"the form answered {response.StatusCode} at {response.FinalUrl}"));
    }

    private static HttpContent Content(ContactForm form, IReadOnlyList<KeyValuePair<string, string>> values)
    {
        if (form.Enctype != ContactForm.Multipart)
        {
            return new FormUrlEncodedContent(values);
        }

        var multipart = new MultipartFormDataContent();
        foreach (var (name, value) in values)
        {
#pragma warning disable CA2000 // the multipart content owns its parts and disposes them with itself
            var part = new StringContent(value);
#pragma warning restore CA2000
            // Browsers send text parts without a Content-Type and with the name quoted.
            part.Headers.ContentType = null;
            part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data")
            {
                Name = "\"" + name.Replace("\"", "%22", StringComparison.Ordinal) + "\"",
            };
            multipart.Add(part);
        }

        return multipart;
    }
}
