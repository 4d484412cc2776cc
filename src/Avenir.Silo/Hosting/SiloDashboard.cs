using System.Net;
using Orleans.Dashboard;

namespace Avenir.Silo.Hosting;

/// <summary>
/// The Orleans dashboard shows grain state and live logs, so it is a door into every tenant: on in development only
/// (<c>Orleans:Dashboard:Enabled</c> turns it on or off anywhere), and answered to loopback callers only unless
/// <c>Orleans:Dashboard:AllowRemote</c> is true — which belongs behind an authenticating proxy (docs/security.md).
/// </summary>
public static class SiloDashboard
{
    public const string Path = "/dashboard";

    public static bool IsEnabled(IHostApplicationBuilder builder) => IsEnabled(builder.Configuration, builder.Environment);

    private static bool IsEnabled(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<bool?>("Orleans:Dashboard:Enabled") ?? environment.IsDevelopment();

    public static WebApplication MapSiloDashboard(this WebApplication app)
    {
        if (!IsEnabled(app.Configuration, app.Environment))
        {
            return app;
        }

        if (!app.Configuration.GetValue("Orleans:Dashboard:AllowRemote", false))
        {
            app.UseWhen(http => http.Request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase), branch => branch.Use(async (http, next) =>
            {
                if (http.Connection.RemoteIpAddress is { } caller && IPAddress.IsLoopback(caller))
                {
                    await next(http);
                    return;
                }

                http.Response.StatusCode = StatusCodes.Status403Forbidden;
            }));
        }

        app.MapOrleansDashboard(Path);
        return app;
    }
}
