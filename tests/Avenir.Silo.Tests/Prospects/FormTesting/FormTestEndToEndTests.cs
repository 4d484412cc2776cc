using Avenir.Grains.Prospects;
using Avenir.Silo.Prospects;
using Avenir.Silo.Prospects.FormTesting;
using Avenir.Silo.Prospects.FormTesting.Analysis;
using Avenir.Silo.Prospects.FormTesting.Discovery;
using Avenir.Silo.Prospects.FormTesting.Tone;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Avenir.Silo.Tests.Prospects.FormTesting;

/// <summary>
/// Form tests from the site visit to the recorded result, against prospects' sites served by Kestrel on 127.0.0.1 and
/// a real IMAP mailbox (smtp4dev). Time is a fake clock: politeness spacing, the three-hour answer and the 48-hour
/// timeout happen without sleeping.
/// </summary>
[Collection(FormTestCollection.Name)]
public sealed class FormTestEndToEndTests(FormTestFixture fixture) : IAsyncLifetime
{
    private readonly FakeClock clock = new();
    private ProspectSites sites = null!;
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        sites = await ProspectSites.StartAsync(clock.Time, fixture.Mail);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Prospects:FormTests:SenderName"] = "Marie Tremblay",
            ["Prospects:FormTests:AgencyName"] = "Agence Horizon",
            ["Prospects:FormTests:Mailbox:Address"] = "tests@agency.example",
            ["Prospects:FormTests:Mailbox:Host"] = "127.0.0.1",
            ["Prospects:FormTests:Mailbox:Port"] = fixture.Mail.ImapPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Prospects:FormTests:Mailbox:Security"] = "None",
            ["Prospects:FormTests:Mailbox:Username"] = "tests",
            ["Prospects:FormTests:Mailbox:Password"] = "unused",
            ["Prospects:FormTests:PollInterval"] = "12:00:00",
        }).Build();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<TimeProvider>(clock.Time);
        collection.AddSingleton<IDelay>(clock.Delay);
        collection.AddSingleton(fixture.Tone.Classifier); // trained once for the collection
        collection.AddSingleton(fixture.Tone.Analyzer);
        collection.AddProspects(configuration);
        services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    [Fact]
    public async Task A_robotic_autoresponder_within_a_minute_completes_the_test_politely()
    {
        var submitted = await Runner.SubmitAsync(
            new FormTestRequest("robot-1", sites.Urls[ProspectSites.Robotic].ToString(), "Clinique dentaire des Tests"), CancellationToken.None);

        Assert.True(submitted.Submitted, submitted.Refusal?.Detail);
        Assert.Equal("tests+robot-1@agency.example", submitted.Inquiry!.ReplyAddress);
        Assert.Equal("fr", submitted.Inquiry.Language);
        Assert.Contains("Agence Horizon", submitted.Inquiry.Message, StringComparison.Ordinal);
        Assert.Equal(new Uri(sites.Urls[ProspectSites.Robotic], "/nous-joindre"), submitted.ContactPage);
        Assert.Equal(new Uri(sites.Urls[ProspectSites.Robotic], "/envoyer"), submitted.FormAction);

        var result = await Watcher.CheckAsync(submitted, CancellationToken.None);

        Assert.NotNull(result);
        Assert.Equal(FormTestStatuses.Completed, result.Status);
        Assert.Equal(AutoresponderTones.Robotic, result.AutoresponderTone);
        Assert.True(result.HasAutoresponder);
        Assert.InRange(result.ResponseTimeMinutes!.Value, 0.6, 0.7); // 40 s
        Assert.Contains("Nous avons bien reçu votre message", result.AutoresponderContent, StringComparison.Ordinal);
        Assert.Equal(result.Score, (int)Math.Round(result.ScoreParts.Sum(p => p.Points), MidpointRounding.AwayFromZero));
        Assert.Equal(35, result.ScoreParts.Single(p => p.Part == "speed").Points);
        Assert.Equal(0, result.ScoreParts.Single(p => p.Part == "next_step").Points);

        // Politeness: robots.txt first, one request per second per host, Avenir named in every User-Agent.
        var hits = sites.HitsOf(ProspectSites.Robotic);
        Assert.Equal(["/robots.txt", "/", "/nous-joindre", "/envoyer", "/merci"], hits.Select(h => h.Path));
        Assert.All(hits, h => Assert.StartsWith("AvenirFormTester/1.0 (+https://avenir.example/form-testing)", h.UserAgent, StringComparison.Ordinal));
        Assert.All(hits.Zip(hits.Skip(1)),
            pair => Assert.True(pair.Second.At - pair.First.At >= TimeSpan.FromSeconds(1), $"{pair.First.Path} → {pair.Second.Path}"));
    }

    [Fact]
    public async Task A_personal_answer_three_hours_later_is_waited_for_and_scored_higher()
    {
        var submitted = await Runner.SubmitAsync(new FormTestRequest("perso-1", sites.Urls[ProspectSites.Personal].ToString()), CancellationToken.None);
        Assert.True(submitted.Submitted, submitted.Refusal?.Detail);
        Assert.Equal("en", submitted.Inquiry!.Language);
        Assert.Equal("FirstName", submitted.FieldsFilled["first_name"]);

        Assert.Null(await Watcher.CheckAsync(submitted, CancellationToken.None)); // nothing yet
        clock.Time.Advance(TimeSpan.FromHours(3));
        var sent = await sites.PersonalReplySent.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("Hi Marie,", sent.TextBody!.Split('\n')[0]);

        var result = await Watcher.CheckAsync(submitted, CancellationToken.None);

        Assert.NotNull(result);
        Assert.Equal(FormTestStatuses.Completed, result.Status);
        Assert.Equal(AutoresponderTones.Personalized, result.AutoresponderTone);
        Assert.False(result.HasAutoresponder);
        Assert.InRange(result.ResponseTimeMinutes!.Value, 179.9, 180.1);
        Assert.Equal(15, result.ScoreParts.Single(p => p.Part == "next_step").Points); // a booking link
        Assert.Contains("uses the name", result.ScoreParts.Single(p => p.Part == "personalisation").Reason, StringComparison.Ordinal);
        Assert.True(result.Score > 50, $"score {result.Score}");
    }

    [Theory]
    [InlineData(ProspectSites.NoForm, FormRefusalReason.NoContactForm)]
    [InlineData(ProspectSites.Captcha, FormRefusalReason.Captcha)]
    [InlineData(ProspectSites.Forbidden, FormRefusalReason.RobotsDisallowed)]
    public async Task Sites_that_cannot_be_tested_give_a_reason_and_receive_no_inquiry(string site, FormRefusalReason reason)
    {
        var submitted = await Runner.SubmitAsync(new FormTestRequest("refused-" + site, sites.Urls[site].ToString()), CancellationToken.None);
        var result = await Watcher.CheckAsync(submitted, CancellationToken.None);

        Assert.False(submitted.Submitted);
        Assert.Equal(reason, submitted.Refusal!.Reason);
        Assert.Null(submitted.Inquiry);
        Assert.DoesNotContain(sites.HitsOf(site), h => h.Method == "POST");
        Assert.Equal(FormTestStatuses.Failed, result!.Status);
        Assert.StartsWith(submitted.Refusal.Code + ":", result.FailureReason, StringComparison.Ordinal);
        if (reason == FormRefusalReason.RobotsDisallowed)
        {
            Assert.Equal(["/robots.txt"], sites.HitsOf(site).Select(h => h.Path));
        }
    }

    [Fact]
    public async Task A_form_that_never_answers_times_out_after_48_hours_on_the_clock()
    {
        var submitted = await Runner.SubmitAsync(new FormTestRequest("silent-1", sites.Urls[ProspectSites.Silent].ToString()), CancellationToken.None);
        Assert.True(submitted.Submitted, submitted.Refusal?.Detail);
        var waitsBefore = clock.Delay.Waits.Count;

        var result = await Watcher.WaitAsync(submitted, CancellationToken.None);

        Assert.Equal(FormTestStatuses.Timeout, result.Status);
        Assert.Equal(AutoresponderTones.None, result.AutoresponderTone);
        Assert.Equal(0, result.Score);
        Assert.Null(result.ResponseTimeMinutes);
        Assert.Equal(Enumerable.Repeat(TimeSpan.FromHours(12), 4), clock.Delay.Waits.Skip(waitsBefore)); // checks at 0, 12, 24, 36 and 48 h
        Assert.Equal(submitted.SubmittedAt!.Value.AddHours(48), clock.Time.GetUtcNow());
    }

    [Fact]
    public async Task Watching_the_mailbox_never_marks_read_or_removes_other_mail()
    {
        var other = new MimeMessage { Subject = "Facture de décembre", Date = clock.Time.GetUtcNow() };
        other.From.Add(MailboxAddress.Parse("comptabilite@fournisseur.test"));
        other.To.Add(MailboxAddress.Parse("tests@agency.example"));
        other.Body = new TextPart("plain") { Text = "Votre facture est jointe." };
        await fixture.Mail.SendAsync(other);
        var submitted = await Runner.SubmitAsync(new FormTestRequest("robot-2", sites.Urls[ProspectSites.Robotic].ToString()), CancellationToken.None);

        var result = await Watcher.CheckAsync(submitted, CancellationToken.None);

        Assert.Equal(FormTestStatuses.Completed, result!.Status);
        using var imap = new ImapClient();
        await imap.ConnectAsync("127.0.0.1", fixture.Mail.ImapPort, SecureSocketOptions.None);
        await imap.AuthenticateAsync("tests", "unused");
        await imap.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var invoice = await imap.Inbox.SearchAsync(SearchQuery.SubjectContains("Facture de décembre"));
        var unseen = await imap.Inbox.SearchAsync(SearchQuery.NotSeen);
        Assert.Single(invoice);
        Assert.Contains(invoice[0], unseen);
        Assert.Equal(await imap.Inbox.SearchAsync(SearchQuery.All), unseen); // nothing at all was marked read
        await imap.DisconnectAsync(true);
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await sites.DisposeAsync();
    }

    private FormTestRunner Runner => services.GetRequiredService<FormTestRunner>();

    private FormTestWatcher Watcher => services.GetRequiredService<FormTestWatcher>();

    /// <summary>The fake clock and the delay that advances it.</summary>
    private sealed class FakeClock
    {
        public FakeClock() => Delay = new RecordingDelay(Time);

        public Microsoft.Extensions.Time.Testing.FakeTimeProvider Time { get; } = new(TestClock.DefaultOrigin);

        public RecordingDelay Delay { get; }
    }
}
