namespace Avenir.Contracts.Clients;

/// <summary>
/// Whether a sign-in attempt may check its password: <see cref="Allowed"/>, or refused until <see cref="LockedUntil"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Clients.SignInAttempt")]
public sealed record class SignInAttempt([property: Id(0)] bool Allowed, [property: Id(1)] DateTimeOffset? LockedUntil);
