using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Avenir.Testing.Stack;

namespace Avenir.EndToEnd.Tests;

public sealed class StackTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task The_AppHost_starts_a_healthy_stack_that_stores_a_lead_and_keeps_it_across_a_restart()
    {
        var stack = new AvenirStack();
        try
        {
            Guid leadId;
            await using (var app = await StartAsync(stack))
            {
                using var api = app.CreateHttpClient("api");
                Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);

                using var post = new HttpRequestMessage(HttpMethod.Post, "/api/lead")
                {
                    Content = JsonContent.Create(
                        new { name = "Sophie Gagnon", email = "sophie@example.ca", message = "Bonjour, avez-vous des disponibilités samedi?" }),
                };
                post.Headers.Add("X-Api-Key", AvenirStack.DemoApiKey);
                var created = await api.SendAsync(post);
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                leadId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

                // Only the migrator holds the owner's connection: the API and the silo run as the application role.
                foreach (var name in new[] { "api", "silo" })
                {
                    var environment = ResourceProcess.Environment(ResourceProcess.Pid(app, name));
                    Assert.DoesNotContain("ConnectionStrings__avenirdb", environment.Keys);
                    Assert.Contains("Username=avenir_app", environment["ConnectionStrings__avenirdb-app"], StringComparison.Ordinal);
                }

                await app.StopAsync();
            }

            await using (var app = await StartAsync(stack))
            {
                using var api = app.CreateHttpClient("api");
                using var get = new HttpRequestMessage(HttpMethod.Get, $"/api/leads/{leadId}");
                get.Headers.Add("X-Api-Key", AvenirStack.DemoApiKey);
                var read = await api.SendAsync(get);

                Assert.Equal(HttpStatusCode.OK, read.StatusCode);
                var lead = await read.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal("Bonjour, avez-vous des disponibilités samedi?", lead.GetProperty("message").GetString());
            }
        }
        finally
        {
            stack.DeleteData();
        }
    }

    [Fact]
    public async Task A_request_without_a_valid_key_is_refused_with_a_problem_body()
    {
        var stack = new AvenirStack();
        try
        {
            await using var app = await StartAsync(stack);
            using var api = app.CreateHttpClient("api");
            using var post = new HttpRequestMessage(HttpMethod.Post, "/api/lead")
            {
                Content = JsonContent.Create(new { name = "X", email = "x@example.com", message = "hello" }),
            };
            post.Headers.Add("X-Api-Key", "avk_not_a_real_key");

            var response = await api.SendAsync(post);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        finally
        {
            stack.DeleteData();
        }
    }

    [Fact]
    public async Task A_wrong_external_connection_string_shows_as_an_unhealthy_database_with_the_error_and_nothing_becomes_healthy()
    {
        var stack = new AvenirStack();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await using var app = await stack.BuildAsync(
            ["--ConnectionStrings:avenirdb=Host=127.0.0.1;Port=1;Username=nobody;Password=wrong;Database=avenir;Timeout=2"],
            silos: 1, timeout.Token);
        var starting = app.StartAsync(timeout.Token); // never completes: its dependants wait for the database

        var database = await app.ResourceNotifications.WaitForResourceAsync("avenirdb",
            e => e.Snapshot.HealthReports.Any(report => report.Status == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy), timeout.Token);

        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, database.Snapshot.HealthStatus);
        Assert.Contains(database.Snapshot.HealthReports, report => !string.IsNullOrEmpty(report.ExceptionText)); // the connection error, shown on the resource
        foreach (var dependant in new[] { "silo", "api" })
        {
            Assert.True(app.ResourceNotifications.TryGetCurrentState(dependant, out var state));
            Assert.NotEqual(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, state!.Snapshot.HealthStatus);
        }

        Assert.False(starting.IsCompletedSuccessfully);
    }

    private static async Task<DistributedApplication> StartAsync(AvenirStack stack)
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        return await stack.StartAsync(cancellationToken: timeout.Token);
    }
}
