using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Interdict.Server.Hosting;

/// <summary>RFC 9457 problem responses: every rejection says what was wrong and, where it applies, which field.</summary>
internal static class Problems
{
    public static ProblemHttpResult Result(int status, string title, string detail, string? field = null) =>
        TypedResults.Problem(detail, statusCode: status, title: title, extensions: field is null ? null : new Dictionary<string, object?> { ["field"] = field });

    public static ProblemHttpResult BadRequest(string detail, string? field = null) => Result(StatusCodes.Status400BadRequest, "Invalid request", detail, field);

    /// <summary>Writes a problem directly (from middleware, where no endpoint result is returned).</summary>
    public static async Task Write(HttpContext context, int status, string title, string detail)
    {
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        context.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail } });
    }
}

/// <summary>
/// Answers a request the server could not read (a body over Kestrel's cap, a broken chunked body) with its own status
/// and a problem, not as a server error: it is the client's to fix.
/// </summary>
internal sealed class BadRequestHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not BadHttpRequestException bad || httpContext.Response.HasStarted)
        {
            return false;
        }

        var tooLarge = bad.StatusCode == StatusCodes.Status413PayloadTooLarge;
        await Problems.Write(httpContext, bad.StatusCode, tooLarge ? "Body too large" : "Invalid request",
            tooLarge ? $"{bad.Message} (twice the setting Limits:MaxBodyBytes)" : bad.Message);
        return true;
    }
}

/// <summary>Rejects query parameters an endpoint does not know, and repeated ones, instead of ignoring them.</summary>
internal sealed class KnownQueryFilter(params string[] allowed) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        foreach (var (key, values) in context.HttpContext.Request.Query)
        {
            if (!allowed.Contains(key, StringComparer.Ordinal))
            {
                return ValueTask.FromResult<object?>(Problems.BadRequest(
                    allowed.Length == 0 ? $"unknown query parameter '{key}': this endpoint takes none" : $"unknown query parameter '{key}'; this endpoint takes: {string.Join(", ", allowed)}", key));
            }

            if (values.Count > 1)
            {
                return ValueTask.FromResult<object?>(Problems.BadRequest($"query parameter '{key}' is given {values.Count} times; give it once", key));
            }
        }

        return next(context);
    }
}
