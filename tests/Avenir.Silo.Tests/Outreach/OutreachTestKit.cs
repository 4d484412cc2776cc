using System.Security.Cryptography;
using Avenir.Grains.Outreach.Templates;
using Avenir.Grains.Outreach.Tracking;
using Avenir.Silo.Outreach.Composition;
using Avenir.Silo.Outreach.Dkim;
using Microsoft.Extensions.Time.Testing;

namespace Avenir.Silo.Tests.Outreach;

/// <summary>Tracking keys, URLs, a sender and a composer on a fake clock, as the silo wires them.</summary>
public sealed class OutreachTestKit
{
    public const string TrackingBase = "https://go.avenir.test";

    public OutreachTestKit(OutreachDkimSigner? dkim = null)
    {
        Clock = new FakeTimeProvider(TestClock.DefaultOrigin);
        Tokens = new TrackingTokens(
            new TrackingKeyRing(1, new Dictionary<byte, byte[]> { [1] = RandomNumberGenerator.GetBytes(32) }),
            Clock,
            TimeSpan.FromDays(90),
            TimeSpan.FromDays(365));
        Urls = new TrackingUrls(new Uri(TrackingBase), Tokens);
        Composer = new OutreachMessageComposer(Urls, Clock, dkim);
    }

    public FakeTimeProvider Clock { get; }

    public TrackingTokens Tokens { get; }

    public TrackingUrls Urls { get; }

    public OutreachMessageComposer Composer { get; }

    public static SenderIdentity Sender { get; } =
        new("Marc Tremblay", "marc@avenir-agence.ca", "Avenir Agence", "1200 boul. René-Lévesque O., bureau 400\nMontréal QC  H3B 4W8");

    public static OutreachMessageRequest Request(
        Guid emailId, Guid prospectId, string html = "<p>Bonjour</p>", string text = "Bonjour", string language = "en", OutreachThread? thread = null) =>
        new(emailId, prospectId, Sender, new OutreachRecipient("sophie@toitures-gagnon.ca", "Sophie Gagnon"),
            new RenderedEmail(language, "A quick idea for Toitures Gagnon", html, text), thread);
}
