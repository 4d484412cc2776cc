using System.Net;
using System.Text.Json;
using Avenir.Api.Hosting;
using Avenir.Api.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Avenir.Api.Tests.Security;

/// <summary>The rule of what text can be stored, and the last-resort answer when PostgreSQL refuses text all the same.</summary>
public sealed class StorableTextTests
{
    // Built in code: attribute arguments cannot carry a lone surrogate (they are stored as UTF-8).
    private static readonly string[] Storable = ["", "Bonjour, ça va? 😀", "tab\tand newline\n and \u007f", "🇨🇦 (two pairs)"];
    private static readonly string[] Unstorable =
        ["nul\0here", "\0", "\ud800", "x\udc00", "\udc00\ud800", "a pair cut at the end \ud83d", "\ud83d\ud83d\ude00"];

    [Fact]
    public void Text_is_storable_unless_it_holds_a_NUL_or_a_lone_surrogate()
    {
        Assert.All(Storable, text => Assert.True(StorableText.IsStorable(text), text));
        Assert.All(Unstorable, text => Assert.False(StorableText.IsStorable(text), text));
    }

    [Theory]
    [InlineData("\"a\\u0000b\"")]
    [InlineData("\"\\ud800\"")]
    public void The_json_converter_refuses_unstorable_strings(string json)
    {
        var options = new JsonSerializerOptions { Converters = { new StorableTextConverter() } };

        var refused = Assert.Throws<UnstorableTextException>(() => JsonSerializer.Deserialize<string>(json, options));

        Assert.Contains("NUL", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostgreSQL_refusing_a_NUL_is_answered_400_invalid_text()
    {
        var http = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider(),
            Response = { Body = new MemoryStream() },
        };
        var refused = new PostgresException("invalid byte sequence for encoding \"UTF8\": 0x00", "ERROR", "ERROR", PostgresErrorCodes.CharacterNotInRepertoire);

        var handled = await new UnstorableTextHandler(NullLogger<UnstorableTextHandler>.Instance).TryHandleAsync(http, refused, CancellationToken.None);

        Assert.True(handled);
        Assert.Equal((int)HttpStatusCode.BadRequest, http.Response.StatusCode);
        http.Response.Body.Position = 0;
        var problem = await JsonSerializer.DeserializeAsync<JsonElement>(http.Response.Body);
        Assert.Equal("invalid_text", problem.GetProperty("code").GetString());
    }
}
