using System.Reflection;
using System.Text.Json;
using Avenir.Api.Admin;
using Avenir.Api.Auth;
using Avenir.Api.Leads;
using Avenir.Api.Outreach;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Avenir.Api.Tests.Fuzz;

/// <summary>
/// Every endpoint of the running API, read from its <see cref="EndpointDataSource"/>, so that an endpoint added
/// tomorrow is fuzzed without anyone touching this suite: its methods, route parameters, access (from its
/// authorization metadata) and body (from the request type minimal APIs declare for it).
/// </summary>
public static class FuzzTargets
{
    /// <summary>Endpoints that read their body themselves (so declare no request type), with the record they read.</summary>
    private static readonly Dictionary<string, BodyShape> ReadByHand = new(StringComparer.Ordinal)
    {
        [LeadIntakeApi.Path] = new BodyShape(BodyKind.LeadForm,
            [.. new[] { "name", "email", "message", "phone", "company", "language" }.Select(name => new BodyField(name, FieldKind.Text))]),
        ["/api/admin/email-events"] = new BodyShape(BodyKind.Json, FieldsOf(typeof(EmailEventsApi.EmailEventRequest))),
        // RFC 8058 one-click unsubscribe: a form body, read by hand (no antiforgery, no binding).
        [OutreachTrackingApi.UnsubscribePrefix + "/{token}"] = new BodyShape(BodyKind.LeadForm,
            [new BodyField("List-Unsubscribe", FieldKind.Text), new BodyField(UnsubscribePage.SourceField, FieldKind.Text)]),
    };

    private static readonly string[] MethodsWithBodies = ["POST", "PUT", "PATCH"];

    /// <summary>Kestrel's body limit (Program.cs), for endpoints that declare none of their own.</summary>
    public const long KestrelBodyLimit = 1024 * 1024;

    /// <param name="intakeBodyLimit">What intake reads at most (<c>Intake:MaxBodyBytes</c>): it applies it itself, declaring no metadata.</param>
    public static IReadOnlyList<FuzzTarget> From(EndpointDataSource endpoints, long intakeBodyLimit) =>
        [.. endpoints.Endpoints.OfType<RouteEndpoint>()
            .SelectMany(endpoint => MethodsOf(endpoint).Select(method => Target(endpoint, method, intakeBodyLimit)))
            .OrderBy(target => target.Route, StringComparer.Ordinal)
            .ThenBy(target => target.Method, StringComparer.Ordinal)];

    /// <summary>An endpoint that names no method (health checks) takes any: fuzzed with GET and POST.</summary>
    private static IEnumerable<string> MethodsOf(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? methods : ["GET", "POST"];

    private static FuzzTarget Target(RouteEndpoint endpoint, string method, long intakeBodyLimit)
    {
        var route = endpoint.RoutePattern.RawText ?? "/";
        route = route.StartsWith('/') ? route : "/" + route;
        var limit = route == LeadIntakeApi.Path ? intakeBodyLimit
            : endpoint.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? KestrelBodyLimit;
        return new FuzzTarget(method, route, Pieces(endpoint.RoutePattern), AccessOf(endpoint), BodyOf(endpoint, route, method), limit);
    }

    private static List<RoutePiece> Pieces(RoutePattern pattern)
    {
        var pieces = new List<RoutePiece>();
        foreach (var segment in pattern.PathSegments)
        {
            pieces.Add(new RoutePiece("/", null, false));
            foreach (var part in segment.Parts)
            {
                pieces.Add(part switch
                {
                    RoutePatternLiteralPart literal => new RoutePiece(literal.Content, null, false),
                    RoutePatternSeparatorPart separator => new RoutePiece(separator.Content, null, false),
                    RoutePatternParameterPart parameter => new RoutePiece(null, parameter.Name,
                        parameter.ParameterPolicies.Any(policy => string.Equals(policy.Content, "guid", StringComparison.OrdinalIgnoreCase))),
                    _ => new RoutePiece("x", null, false),
                });
            }
        }

        return pieces.Count == 0 ? [new RoutePiece("/", null, false)] : pieces;
    }

    private static FuzzAccess AccessOf(RouteEndpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return FuzzAccess.Anonymous;
        }

        var authorization = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
        return authorization.Any(data => data.Policy == DashboardUser.AdminPolicy) ? FuzzAccess.Admin
            : authorization.Count > 0 ? FuzzAccess.Session
            : FuzzAccess.Anonymous;
    }

    private static BodyShape? BodyOf(RouteEndpoint endpoint, string route, string method)
    {
        if (ReadByHand.TryGetValue(route, out var known) && method == HttpMethods.Post)
        {
            return known;
        }

        if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is { RequestType: { } type })
        {
            return new BodyShape(BodyKind.Json, FieldsOf(type));
        }

        return MethodsWithBodies.Contains(method, StringComparer.Ordinal) ? new BodyShape(BodyKind.Json, []) : null;
    }

    private static List<BodyField> FieldsOf(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.CanRead && property.GetIndexParameters().Length == 0)
            .Select(property => new BodyField(JsonNamingPolicy.CamelCase.ConvertName(property.Name), KindOf(property.PropertyType)))];

    private static FieldKind KindOf(Type type)
    {
        var bare = Nullable.GetUnderlyingType(type) ?? type;
        return bare == typeof(string) ? FieldKind.Text
            : bare == typeof(bool) ? FieldKind.Flag
            : bare == typeof(int) || bare == typeof(long) ? FieldKind.Whole
            : bare == typeof(decimal) || bare == typeof(double) || bare == typeof(float) ? FieldKind.Number
            : bare == typeof(DateTimeOffset) || bare == typeof(DateTime) ? FieldKind.Instant
            : bare == typeof(Guid) ? FieldKind.Id
            : typeof(System.Collections.IEnumerable).IsAssignableFrom(bare) ? FieldKind.TextList
            : FieldKind.Text;
    }
}
