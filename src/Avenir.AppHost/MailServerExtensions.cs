using System.Globalization;
using Avenir.AppHost.Database;
using Avenir.LocalServers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Avenir.AppHost;

/// <summary>
/// The development mail server: smtp4dev (a .NET local tool, <c>.config/dotnet-tools.json</c>) catches every
/// message the silos send and shows it in its web inbox, linked from the Aspire dashboard. Nothing leaves
/// the machine. With <c>Email:Smtp:Host</c> configured, the silos use that relay instead and no mail
/// server is started.
/// </summary>
internal static class MailServerExtensions
{
    public const string ResourceName = "mail";

    /// <summary>
    /// Adds smtp4dev on <c>Ports:Smtp</c> (default 2525) with its inbox on <c>Ports:MailInbox</c> (default 5025),
    /// or returns null when an external relay is configured.
    /// </summary>
    public static async Task<MailServer?> AddDevelopmentMailServerAsync(this IDistributedApplicationBuilder builder)
    {
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true));
        var logger = loggerFactory.CreateLogger("Avenir.AppHost.Mail");
        if (!string.IsNullOrWhiteSpace(builder.Configuration["Email:Smtp:Host"]))
        {
            logger.LogInformation("Mail: relaying through {Host} (Email:Smtp:Host); no development mail server", builder.Configuration["Email:Smtp:Host"]);
            return null;
        }

        var repository = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", ".."));
        var manifest = Path.Combine(repository, ".config", "dotnet-tools.json");
        // Instant when already restored; makes `dotnet run --project src/Avenir.AppHost` enough on a fresh clone.
        await ProcessRunner.RunAsync("dotnet", "tool", "restore", "--tool-manifest", manifest);

        var smtpPort = builder.Configuration.GetValue("Ports:Smtp", 2525);
        var inboxPort = builder.Configuration.GetValue("Ports:MailInbox", 5025);
        var mail = builder.AddExecutable(ResourceName, "dotnet", repository,
                "tool", "run", "smtp4dev", "--",
                $"--smtpport={smtpPort.ToString(CultureInfo.InvariantCulture)}",
                $"--urls=http://127.0.0.1:{inboxPort.ToString(CultureInfo.InvariantCulture)}",
                "--db=",              // messages in memory: a fresh inbox every run
                "--imapport=",        // no IMAP/POP3 server (they would want fixed ports 143/110)
                "--pop3port=",
                "--nousersettings",   // ignore a developer's own ~/.config/smtp4dev settings
                "--bindaddress=127.0.0.1")
            .WithHttpEndpoint(port: inboxPort, name: "http", isProxied: false)
            .WithEndpoint(port: smtpPort, name: "smtp", scheme: "tcp", isProxied: false)
            .WithHttpHealthCheck("/")
            .WithUrlForEndpoint("http", url => url.DisplayText = "Mail inbox (smtp4dev)")
            .WithUrlForEndpoint("smtp", url => url.DisplayLocation = UrlDisplayLocation.DetailsOnly);
        logger.LogInformation("Mail: smtp4dev catches outgoing mail on 127.0.0.1:{SmtpPort}; inbox at http://127.0.0.1:{InboxPort}", smtpPort, inboxPort);
        return new MailServer(mail, "127.0.0.1", smtpPort);
    }

    /// <summary>Points a silo's <c>Email:Smtp</c> at the development mail server.</summary>
    public static IResourceBuilder<ProjectResource> WithMailServer(this IResourceBuilder<ProjectResource> silo, MailServer? mail) =>
        mail is null
            ? silo
            : silo.WithEnvironment("Email__Smtp__Host", mail.Host)
                .WithEnvironment("Email__Smtp__Port", mail.SmtpPort.ToString(CultureInfo.InvariantCulture))
                .WithEnvironment("Email__Smtp__UseTls", "false")
                .WithReferenceRelationship(mail.Resource);
}

/// <summary>The development outreach mailbox: the demo campaign's sends go to the development mail server.</summary>
internal static class DevelopmentOutreachExtensions
{
    public const string MailboxId = "dev";

    /// <summary>
    /// Gives a silo the <c>dev</c> outreach mailbox on the development mail server (plain SMTP to loopback, no spacing,
    /// so the demo campaign's few emails arrive within a minute or two) and asks it to seed the demo campaign
    /// (<c>Seed:Outreach:MailboxId</c>). Without a mail server nothing changes. A mailbox the AppHost is given
    /// (<c>Outreach:Mailboxes:dev:*</c>) is passed on as it is instead.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDevelopmentOutreach(
        this IResourceBuilder<ProjectResource> silo, IConfiguration configuration, MailServer? mail)
    {
        if (configuration.GetSection("Outreach:Mailboxes").Exists())
        {
            return silo.WithConfigurationSection(configuration, "Outreach:Mailboxes");
        }

        if (mail is null)
        {
            return silo;
        }

        var box = $"Outreach__Mailboxes__{MailboxId}__";
        return silo.WithEnvironment("Seed__Outreach__MailboxId", MailboxId)
            .WithEnvironment(box + "Address", "outreach@avenir.local")
            .WithEnvironment(box + "Smtp__Host", mail.Host)
            .WithEnvironment(box + "Smtp__Port", mail.SmtpPort.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment(box + "Smtp__RequestDeliveryStatusNotifications", "false")
            .WithEnvironment(box + "Limits__MinimumSpacing", "00:00:00")
            .WithEnvironment(box + "Limits__MaximumJitter", "00:00:00");
    }
}

/// <summary>The development mail server and where its SMTP listens.</summary>
internal sealed record MailServer(IResourceBuilder<ExecutableResource> Resource, string Host, int SmtpPort);
