namespace Avenir.Silo.Prospects.FormTesting.Discovery;

/// <summary>Why a form test did not submit anything. A reason, not an exception: it is the test's recorded result.</summary>
public enum FormRefusalReason
{
    /// <summary>robots.txt forbids the site, the contact page or the form's action.</summary>
    RobotsDisallowed,

    /// <summary>No contact form on the home page, its contact links or the usual contact paths.</summary>
    NoContactForm,

    /// <summary>The form is protected by a CAPTCHA (reCAPTCHA, hCaptcha, Turnstile): a person is expected, not a test.</summary>
    Captcha,

    /// <summary>The form exists only in JavaScript (an embed, a single-page app, fields outside any form).</summary>
    JavaScriptOnly,

    /// <summary>The site answered with an HTTP error (4xx/5xx), on a page or on submission.</summary>
    HttpError,

    /// <summary>Nothing answered (DNS, connection, time-out).</summary>
    Unreachable,
}

/// <summary>A refusal and its details (which marker, which status, which URL).</summary>
public sealed record FormRefusal(FormRefusalReason Reason, string Detail)
{
    /// <summary>
    /// The reason as stored (<c>robots_disallowed</c>, <c>no_contact_form</c>, <c>captcha</c>, <c>javascript_only</c>, <c>http_error</c>,
    /// <c>unreachable</c>).
    /// </summary>
    public string Code => Reason switch
    {
        FormRefusalReason.RobotsDisallowed => "robots_disallowed",
        FormRefusalReason.NoContactForm => "no_contact_form",
        FormRefusalReason.Captcha => "captcha",
        FormRefusalReason.JavaScriptOnly => "javascript_only",
        FormRefusalReason.HttpError => "http_error",
        _ => "unreachable",
    };
}
