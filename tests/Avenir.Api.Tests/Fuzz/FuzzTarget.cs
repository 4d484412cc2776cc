namespace Avenir.Api.Tests.Fuzz;

/// <summary>Who may call an endpoint: anyone, a signed-in dashboard user, or an admin.</summary>
public enum FuzzAccess
{
    Anonymous,
    Session,
    Admin,
}

/// <summary>A piece of a route: literal text, or a parameter (and whether its constraint is <c>guid</c>).</summary>
public sealed record RoutePiece(string? Literal, string? Parameter, bool IsGuid);

/// <summary>One method of one endpoint of the running API, as the fuzz generator aims at it.</summary>
/// <param name="BodyLimit">The largest body the endpoint takes (its own limit, else Kestrel's): past it, the server may refuse by closing.</param>
public sealed record FuzzTarget(string Method, string Route, IReadOnlyList<RoutePiece> Pieces, FuzzAccess Access, BodyShape? Body, long BodyLimit)
{
    public override string ToString() => $"{Method} {Route}";
}
