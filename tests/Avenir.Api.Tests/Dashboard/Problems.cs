using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Avenir.Api.Tests.Dashboard;

public static class Problems
{
    /// <summary>Asserts an RFC 9457 problem with this status and code; returns its body.</summary>
    public static async Task<JsonElement> AssertAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<JsonElement>(text);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        return problem;
    }
}
