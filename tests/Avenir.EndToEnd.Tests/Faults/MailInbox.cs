using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Avenir.EndToEnd.Tests.Faults;

/// <summary>The development mail server's inbox (smtp4dev's JSON API), read page by page.</summary>
public static class MailInbox
{
    private const int PageSize = 1000;

    /// <summary>How many messages each recipient got (addresses compared without case).</summary>
    public static async Task<Dictionary<string, int>> MessagesPerRecipientAsync(Uri inbox, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = inbox };
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var page = 1; ; page++)
        {
            var messages = await http.GetFromJsonAsync<JsonElement>(
                $"/api/messages?page={page.ToString(CultureInfo.InvariantCulture)}&pageSize={PageSize.ToString(CultureInfo.InvariantCulture)}",
                cancellationToken);
            foreach (var message in messages.GetProperty("results").EnumerateArray())
            {
                foreach (var to in message.GetProperty("to").EnumerateArray())
                {
                    var address = to.GetString() ?? "";
                    counts[address] = counts.GetValueOrDefault(address) + 1;
                }
            }

            if (page >= messages.GetProperty("pageCount").GetInt32())
            {
                return counts;
            }
        }
    }
}
