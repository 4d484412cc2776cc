using Avenir.Api.Leads;
using Avenir.Api.Validation;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace Avenir.Api.Hosting;

/// <summary>
/// The last line behind the text checks at the doors (<see cref="StorableText"/>): when PostgreSQL itself refuses a
/// request's text — a NUL in a <c>text</c> value (22021, character_not_in_repertoire) or an escape <c>jsonb</c> cannot
/// hold (22P05, untranslatable_character) — in a statement the API runs, the answer is a 400 problem, not a 500.
/// (From a grain the error cannot cross the cluster boundary as itself, which is why the doors check first.)
/// </summary>
public sealed class UnstorableTextHandler(ILogger<UnstorableTextHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not PostgresException { SqlState: PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter } refused
            || httpContext.Response.HasStarted)
        {
            return false;
        }

        // Worth a warning: some door let the text through, and it should be checked there.
        logger.LogWarning(
            "PostgreSQL refused the text of {Method} {Path} ({SqlState})", httpContext.Request.Method, httpContext.Request.Path, refused.SqlState);
        await IntakeProblems.Problem(StatusCodes.Status400BadRequest, "invalid_text", "Invalid text", $"The request {StorableText.Refusal}.")
            .ExecuteAsync(httpContext);
        return true;
    }
}
