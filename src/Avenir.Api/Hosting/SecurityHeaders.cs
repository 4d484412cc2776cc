namespace Avenir.Api.Hosting;

/// <summary>
/// Headers on every answer: no framing (<c>frame-ancestors 'none'</c> and <c>X-Frame-Options: DENY</c>, so the
/// dashboard cannot be clickjacked), no MIME sniffing, no referrer leaking a lead's URL. HSTS is added outside
/// development by <c>UseHsts</c>.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext http)
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            if (!headers.ContainsKey("Content-Security-Policy"))
            {
                headers.ContentSecurityPolicy = "frame-ancestors 'none'";
            }

            return Task.CompletedTask;
        });
        return next(http);
    }
}
