using Microsoft.AspNetCore.Http;

namespace Avenir.Api.Tests.Fuzz;

/// <summary>An answer the suite refuses, and why.</summary>
public sealed record FuzzOffense(string Rule, FuzzOutcome Outcome);

/// <summary>
/// The rules every answer must meet: never 5xx (nor no answer at all); every 4xx an RFC 9457 problem whose
/// <c>status</c> is the HTTP status — except Kestrel's own bare refusal of a request that breaks HTTP itself, which no
/// application code sees; and no endpoint that needs a session answers 2xx/3xx without one (with its CSRF token when
/// the method changes something).
/// </summary>
public static class FuzzVerdicts
{
    public const string ServerError = "5xx";
    public const string NoAnswer = "no answer";
    public const string NotProblem = "4xx that is not a problem";
    public const string WrongProblemStatus = "problem whose status is not the HTTP status";
    public const string KestrelRefusal = "bare 4xx from Kestrel for a request that keeps to HTTP";
    public const string AuthBypass = "session endpoint answered 2xx/3xx without a session or CSRF token";

    public static IEnumerable<FuzzOffense> Of(IEnumerable<FuzzOutcome> outcomes) => outcomes.SelectMany(Check);

    /// <summary>Kestrel answered alone: no application middleware ran (no X-Frame-Options), no body.</summary>
    public static bool IsKestrelRefusal(FuzzOutcome outcome) =>
        outcome.Status is >= 400 and < 500 && !outcome.FromApplication && outcome.BodyLength == 0;

    private static IEnumerable<FuzzOffense> Check(FuzzOutcome outcome)
    {
        var request = outcome.Request;
        if (outcome.Status is null)
        {
            // Only a request that breaks HTTP, or whose body is over its endpoint's limit (the server may answer 413 and
            // close while the rest is still on its way, as HTTP allows), may go unanswered.
            if (!request.BreaksHttp && !OverLimit(request))
            {
                yield return new FuzzOffense(NoAnswer, outcome);
            }

            yield break;
        }

        if (outcome.Status >= 500)
        {
            yield return new FuzzOffense(ServerError, outcome);
            yield break;
        }

        if (outcome.Status >= 400)
        {
            if (IsKestrelRefusal(outcome))
            {
                if (!request.BreaksHttp)
                {
                    yield return new FuzzOffense(KestrelRefusal, outcome);
                }
            }
            else if (outcome.ContentType is null || !outcome.ContentType.StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase))
            {
                yield return new FuzzOffense(NotProblem, outcome);
            }
            else if (outcome.ProblemStatus != outcome.Status)
            {
                yield return new FuzzOffense(WrongProblemStatus, outcome);
            }

            yield break;
        }

        if (request.Target is { Access: not FuzzAccess.Anonymous } target && !Authorized(request, target))
        {
            yield return new FuzzOffense(AuthBypass, outcome);
        }
    }

    public static bool OverLimit(FuzzRequest request) =>
        request.BodyLength > (request.Target?.BodyLimit ?? FuzzTargets.KestrelBodyLimit);

    private static bool Authorized(FuzzRequest request, FuzzTarget target)
    {
        var role = request.Caller switch
        {
            FuzzCaller.Admin => true,
            FuzzCaller.Client => target.Access == FuzzAccess.Session,
            FuzzCaller.Ambiguous => true, // two cookies: which one the server read is not the fuzz's to know
            _ => false,
        };
        var safe = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method);
        return role && (safe || request.CsrfCorrect || request.Caller == FuzzCaller.Ambiguous);
    }
}
