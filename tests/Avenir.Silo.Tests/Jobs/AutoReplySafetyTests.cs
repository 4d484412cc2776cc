using Avenir.Infrastructure.Security;
using Avenir.Silo.AutoReply;
using Avenir.Silo.Email;

namespace Avenir.Silo.Tests.Jobs;

/// <summary>What a form's name field can put in a reply, how SMTP is encrypted by default, and how addresses are logged.</summary>
public sealed class AutoReplySafetyTests
{
    [Theory]
    [InlineData("Marie Tremblay", "Marie Tremblay")]
    [InlineData("  Jean-François   O'Neil ", "Jean-François O'Neil")]
    [InlineData("Zoë", "Zoë")]
    [InlineData("Visit http://win.example now", "")]
    [InlineData("WIN $500 TODAY", "")]
    [InlineData("victim@example.com", "")]
    [InlineData("Claim your prize at our site today", "")]
    [InlineData("Marie Tremblay Gagnon Roy", "")]
    [InlineData("www..example", "")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Only_a_name_that_looks_like_a_persons_name_reaches_the_reply(string? given, string expected)
    {
        Assert.Equal(expected, TemplateAutoReplyWriter.SafeName(given));
    }

    [Theory]
    [InlineData("smtp.example.com", null, true)]
    [InlineData("localhost", null, false)]
    [InlineData("127.0.0.1", null, false)]
    [InlineData("::1", null, false)]
    [InlineData("10.0.0.5", null, true)]
    [InlineData("localhost", true, true)]
    [InlineData("smtp.example.com", false, false)]
    public void SMTP_uses_TLS_unless_the_relay_is_on_this_machine_or_configured_otherwise(string host, bool? useTls, bool expected)
    {
        Assert.Equal(expected, SmtpSecurity.UsesTls(new SmtpOptions { Host = host, UseTls = useTls }));
    }

    [Theory]
    [InlineData("marie.tremblay@example.ca", "m***@example.ca")]
    [InlineData("x@y.z", "x***@y.z")]
    [InlineData("not-an-address", "***")]
    public void Recipients_are_masked_in_logs(string address, string masked)
    {
        Assert.Equal(masked, MaskedAddress.Of(address));
    }
}
