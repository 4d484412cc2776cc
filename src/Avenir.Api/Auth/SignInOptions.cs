namespace Avenir.Api.Auth;

/// <summary>Sign-in's limits (configuration section <c>SignIn</c>); the per-account lockout is <see cref="ClientSignIn"/>'s.</summary>
public sealed class SignInOptions
{
    public const string Section = "SignIn";

    /// <summary>Sign-in attempts a minute from one IP address: each costs a 210,000-iteration PBKDF2.</summary>
    public int PermitsPerIpPerMinute { get; set; } = 10;
}
