using System.Net;

namespace Avenir.Silo.Outreach.Composition;

/// <summary>
/// The identification and unsubscribe footer CASL requires in every commercial message, in the email's language.
/// Added by the composer whatever the template says, so no template can forget it.
/// </summary>
internal static class CaslFooter
{
    public static string Text(SenderIdentity sender, string unsubscribeUrl, string language)
    {
        var french = language == "fr";
        return string.Join('\n',
            "",
            "--",
            $"{sender.Name}, {sender.Company}",
            sender.PostalAddress.ReplaceLineEndings("\n"),
            sender.Address,
            french
                ? $"Pour ne plus recevoir de courriels de {sender.Company} : {unsubscribeUrl}"
                : $"To stop receiving emails from {sender.Company}: {unsubscribeUrl}",
            "");
    }

    public static string Html(SenderIdentity sender, string unsubscribeUrl, string language)
    {
        var french = language == "fr";
        static string E(string value) => WebUtility.HtmlEncode(value);
        var address = string.Join("<br>", sender.PostalAddress.ReplaceLineEndings("\n").Split('\n').Select(E));
        var link = french ? "Se désabonner" : "Unsubscribe";
        var lead = french ? $"Pour ne plus recevoir de courriels de {E(sender.Company)} :" : $"To stop receiving emails from {E(sender.Company)}:";
        return "<div style=\"margin-top:24px;font-size:12px;color:#666\">"
            + $"<p>{E(sender.Name)}, {E(sender.Company)}<br>{address}<br><a href=\"mailto:{E(sender.Address)}\">{E(sender.Address)}</a></p>"
            + $"<p>{lead} <a href=\"{E(unsubscribeUrl)}\">{link}</a></p></div>";
    }
}
