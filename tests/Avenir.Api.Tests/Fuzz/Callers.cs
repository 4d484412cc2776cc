using System.Globalization;
using Avenir.Api.Auth;

namespace Avenir.Api.Tests.Fuzz;

/// <summary>
/// Who a request says it is: a real session (with its CSRF token, a wrong one or none), the other role's session,
/// or a cookie that is garbage, cut, altered, huge, chunked past reason or duplicated.
/// </summary>
public static class Callers
{
    private const string Cookie = DashboardAuthExtensions.CookieName;

    public static void Apply(FuzzRequest request, Random random, FuzzWorld world, FuzzAccess access)
    {
        var roll = random.NextDouble();
        if (access == FuzzAccess.Anonymous)
        {
            if (roll < 0.85)
            {
                return;
            }

            roll = random.NextDouble(); // an anonymous endpoint sent a cookie anyway: any of the below
        }

        if (roll < 0.62)
        {
            var caller = access == FuzzAccess.Admin || random.Chance(0.4) ? FuzzCaller.Admin : FuzzCaller.Client;
            SendSession(request, random, world.SessionOf(caller), caller, world);
        }
        else if (roll < 0.72)
        {
            var caller = access == FuzzAccess.Admin ? FuzzCaller.Client : FuzzCaller.Admin;
            SendSession(request, random, world.SessionOf(caller), caller, world);
            request.Mutations.Add("the other role's session");
        }
        else
        {
            SendBadCookie(request, random, world);
        }
    }

    private static void SendSession(FuzzRequest request, Random random, FuzzSession session, FuzzCaller caller, FuzzWorld world)
    {
        request.Caller = caller;
        request.Headers.Add(new("Cookie", session.Cookie));
        if (random.Chance(0.85))
        {
            request.Headers.Add(new(CsrfProtection.HeaderName, session.CsrfToken));
            request.CsrfCorrect = true;
            return;
        }

        var other = world.SessionOf(caller == FuzzCaller.Admin ? FuzzCaller.Client : FuzzCaller.Admin);
        string?[] wrong =
        [
            null, "", "garbage", other.CsrfToken, session.CsrfToken.ToUpperInvariant(), session.CsrfToken + "x", session.CsrfToken[..^1],
            session.CsrfToken + " x", new string('t', 10_000), "%00",
        ];
        var token = random.Pick(wrong);
        if (token is not null)
        {
            request.Headers.Add(new(CsrfProtection.HeaderName, token));
        }

        if (token is not null && random.Chance(0.2))
        {
            request.Headers.Add(new(CsrfProtection.HeaderName, session.CsrfToken)); // twice: "a, b" is not the token
        }

        request.Mutations.Add($"CSRF token {(token is null ? "missing" : "wrong")}");
    }

    private static void SendBadCookie(FuzzRequest request, Random random, FuzzWorld world)
    {
        var real = world.SessionOf(random.Chance(0.5) ? FuzzCaller.Admin : FuzzCaller.Client);
        var value = real.Cookie[(real.Cookie.IndexOf('=', StringComparison.Ordinal) + 1)..];
        var at = random.Next(1, Math.Max(2, value.Length));
        string[] cookies =
        [
            $"{Cookie}=", $"{Cookie}=garbage", $"{Cookie}={RandomToken(random, random.Next(20, 3_000))}", $"{Cookie}={value[..at]}",
            $"{Cookie}={value[..(at - 1)]}{(value[at - 1] == 'A' ? 'B' : 'A')}{value[at..]}", $"{Cookie}=chunks-2147483647", $"{Cookie}=chunks-1000000",
            $"{Cookie}=chunks-2; {Cookie}C1={value}; {Cookie}C2=garbage", $"{Cookie}=chunks-0", $"{Cookie}=chunks--1", $"{Cookie}=chunks-x",
            $"{Cookie}={new string('c', 20_000)}", string.Join("; ", Enumerable.Range(0, 200).Select(n => $"c{n}=v")), Cookie, "=;;;=",
            $"{Cookie}=\"quoted\"", $"{Cookie}=a b c", ";", $"$Version=1; {Cookie}=x", $"{Cookie}=%00%ff", $".AspNetCore.Cookies={value}",
            $"{Cookie}={value}{value}",
        ];
        var cookie = random.Pick(cookies);
        request.Headers.Add(new("Cookie", cookie));
        request.Caller = FuzzCaller.BadCookie;
        if (random.Chance(0.1))
        {
            // The real session after a broken one: which of the two the server reads is not for the fuzz to guess.
            request.Headers.Add(new("Cookie", real.Cookie));
            request.Caller = FuzzCaller.Ambiguous;
        }

        request.Headers.Add(new(CsrfProtection.HeaderName, random.Chance(0.5) ? real.CsrfToken : "garbage"));
        request.Mutations.Add($"cookie '{Shorten(cookie)}'");
    }

    public static string RandomToken(Random random, int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        return string.Create(length, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[r.Next(alphabet.Length)];
            }
        });
    }

    public static string Shorten(string text) =>
        text.Length <= 80 ? text : text[..77] + "...(" + text.Length.ToString(CultureInfo.InvariantCulture) + ")";
}
