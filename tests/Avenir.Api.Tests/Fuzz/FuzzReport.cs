using System.Globalization;
using System.Text;

namespace Avenir.Api.Tests.Fuzz;

/// <summary>The figures of a run (printed whether it passes or not) and, when it fails, every offender with what was sent and answered.</summary>
public static class FuzzReport
{
    private const int OffendersShown = 150;

    public static string Figures(
        FuzzSettings settings, IReadOnlyList<FuzzTarget> targets, IReadOnlyList<FuzzOutcome> outcomes, TimeSpan duration, IntakeLedger ledger)
    {
        var text = new StringBuilder();
        var seconds = duration.TotalSeconds;
        text.AppendLine(Invariant($"Fuzz run: seed {settings.Seed}, {outcomes.Count} requests over {targets.Count} endpoint methods, ")
            + Invariant($"{settings.Parallelism} at a time, in {seconds:F1} s ({outcomes.Count / Math.Max(seconds, 0.001):F0} requests/s)."));
        text.AppendLine(Invariant($"Replay: AVENIR_FUZZ_SEED={settings.Seed} AVENIR_FUZZ_REQUESTS={settings.Requests}"));
        text.AppendLine("By status class: " + Counts(outcomes.GroupBy(o => o.StatusClass)));
        text.AppendLine("By status: " + Counts(outcomes.GroupBy(o => o.Status?.ToString(CultureInfo.InvariantCulture) ?? "none")));
        text.AppendLine(Invariant($"Refused by Kestrel before the application (the request breaks HTTP): {outcomes.Count(FuzzVerdicts.IsKestrelRefusal)}; ")
            + Invariant($"sent twice after a connection closed under them: {outcomes.Count(o => o.Retried)}"));
        var unanswered = outcomes.Where(o => o.Status is null).ToList();
        var errors = unanswered.GroupBy(o => Callers.Shorten(o.Error ?? "")).OrderByDescending(g => g.Count()).Take(3)
            .Select(g => Invariant($"{g.Count()} × {g.Key}"));
        text.AppendLine(Invariant($"No answer: {unanswered.Count} (body over its endpoint's limit {unanswered.Count(o => FuzzVerdicts.OverLimit(o.Request))}, ")
            + Invariant($"breaking HTTP {unanswered.Count(o => o.Request.BreaksHttp)}): ") + string.Join("; ", errors));
        var posts = outcomes.Where(o => o.Request.Lead is not null).ToList();
        var created = posts.Count(o => o.Status == 201);
        var replays = posts.Count(o => o.Replayed);
        var trapped = posts.Count(o => o.Status == 201 && o.Request.Lead!.Honeypot);
        var duplicates = posts.Count(o => o.Status == 200);
        var redirects = posts.Count(o => o.Status == 303);
        var refused = posts.Count(o => o.Status is >= 400 and < 500);
        text.AppendLine(Invariant($"Lead posts: {posts.Count}; 201 {created} (replays {replays}, honeypot {trapped}), 200 duplicate {duplicates}, ")
            + Invariant($"303 {redirects}, 4xx {refused}."));
        text.AppendLine(Invariant($"Leads stored: {ledger.RowsAfter - ledger.RowsBefore} (rows {ledger.RowsBefore} before, {ledger.RowsAfter} after); ")
            + Invariant($"answers that created a lead: {ledger.CreatedAnswers}."));
        var slowest = outcomes.GroupBy(o => o.Request.Name).OrderByDescending(g => g.Sum(o => o.Elapsed.TotalSeconds)).Take(6)
            .Select(g => Invariant($"{g.Key} {g.Sum(o => o.Elapsed.TotalSeconds):F1} s"));
        text.AppendLine("Most time (summed over parallel requests): " + string.Join(", ", slowest));
        text.AppendLine("Per endpoint (requests: 2xx/3xx/4xx/5xx):");
        foreach (var group in outcomes.GroupBy(o => o.Request.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var (ok, moved) = (group.Count(o => o.Status is < 300), group.Count(o => o.Status is >= 300 and < 400));
            var (denied, failed) = (group.Count(o => o.Status is >= 400 and < 500), group.Count(o => o.Status is >= 500 || o.Status is null));
            text.AppendLine(Invariant($"  {group.Key}: {group.Count()}: {ok}/{moved}/{denied}/{failed}"));
        }

        return text.ToString();
    }

    public static string Offenders(IReadOnlyList<FuzzOffense> offenses, IReadOnlyList<string> ledgerProblems)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"{offenses.Count} offending answers, {ledgerProblems.Count} ledger discrepancies."));
        foreach (var group in offenses.GroupBy(o => (o.Rule, o.Outcome.Request.Name, o.Outcome.Status)).OrderByDescending(g => g.Count()))
        {
            var status = group.Key.Status?.ToString(CultureInfo.InvariantCulture) ?? "none";
            text.AppendLine(Invariant($"  {group.Count()} × {group.Key.Rule}: {group.Key.Name} → {status}"));
        }

        foreach (var offense in offenses.Take(OffendersShown))
        {
            var outcome = offense.Outcome;
            var request = outcome.Request;
            text.AppendLine(Invariant($"#{request.Index} [{offense.Rule}] {request.Method} {Callers.Shorten(request.PathAndQuery)} as {request.Caller}"));
            text.AppendLine("    mutations: " + (request.Mutations.Count == 0 ? "none" : string.Join("; ", request.Mutations)));
            var contentType = request.ContentType ?? "(none)";
            var start = BodySnippet(request.BodyStart, request.BodyLength);
            text.AppendLine(Invariant($"    sent: Content-Type {contentType}, {request.BodyLength} bytes: {start}"));
            var status = outcome.Status?.ToString(CultureInfo.InvariantCulture) ?? "nothing";
            text.AppendLine(Invariant($"    answered: {status} {outcome.ContentType} {outcome.BodySnippet ?? outcome.Error}"));
        }

        foreach (var problem in ledgerProblems.Take(OffendersShown))
        {
            text.AppendLine("ledger: " + problem);
        }

        return text.ToString();
    }

    private static string BodySnippet(byte[] start, int length)
    {
        var escaped = new StringBuilder();
        foreach (var c in Encoding.UTF8.GetString(start))
        {
            if (c is < ' ' or '\u007f' or '\ufffd')
            {
                escaped.Append(Invariant($"\\x{(int)c:X2}"));
            }
            else
            {
                escaped.Append(c);
            }
        }

        return length > start.Length ? escaped + "…" : escaped.ToString();
    }

    private static string Counts(IEnumerable<IGrouping<string, FuzzOutcome>> groups) =>
        string.Join(", ", groups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Invariant($"{g.Key} {g.Count()}")));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
