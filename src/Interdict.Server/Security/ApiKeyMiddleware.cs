using System.Collections.Frozen;
using System.Net;
using Interdict.Server.Hosting;

namespace Interdict.Server.Security;

/// <summary>Endpoint metadata: the scope a caller's key must carry.</summary>
internal sealed record RequiresScope(string Scope);

/// <summary>
/// Checks the API key on every endpoint that declares <see cref="RequiresScope"/>. Keys come in
/// <c>Authorization: Bearer …</c>, <c>Authorization: ApiKey …</c> (yente's clients) or <c>X-Api-Key: …</c>. With no keys configured the server is open, but only to
/// connections arriving on a loopback address (start-up refuses any other binding; this is the second line).
/// </summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, ServerSettings settings)
{
    /// <summary>The <see cref="HttpContext.Items"/> key holding the caller's name, for the audit trail.</summary>
    public const string PrincipalItem = "interdict.principal";

    public const string AnonymousLoopback = "anonymous (loopback)";

    /// <summary>The <see cref="HttpContext.Items"/> key holding the caller's role (analyst or supervisor).</summary>
    public const string RoleItem = "interdict.role";

    /// <summary>Failed authentications from one address in a minute before it is answered 429.</summary>
    public const int MaxFailuresPerMinute = 20;

    private readonly FrozenDictionary<string, ApiKey> _byHash = settings.Keys.ToFrozenDictionary(k => k.Hash, StringComparer.Ordinal);

    // Failed authentications per client address in the current minute.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    public async Task InvokeAsync(HttpContext context, AuditWriter audit, TimeProvider time)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RequiresScope>() is not { } required)
        {
            await next(context);
            return;
        }

        if (_byHash.Count == 0)
        {
            var local = context.Connection.LocalIpAddress;
            // The in-memory test server has no address; any real socket must be a loopback one.
            if (local is not null && !IPAddress.IsLoopback(local))
            {
                await Problems.Write(context, StatusCodes.Status403Forbidden, "Open server reached from outside",
                    "no API keys are configured, so this server only answers on loopback addresses; configure Auth:Keys (see 'interdict keys new')");
                return;
            }

            context.Items[PrincipalItem] = AnonymousLoopback;
            await next(context);
            return;
        }

        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var secret = Secret(context.Request);
        if (secret is null)
        {
            if (await Failed(context, audit, time, client, "no API key"))
            {
                return;
            }

            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Problems.Write(context, StatusCodes.Status401Unauthorized, "API key required",
                "send the key in an 'Authorization: Bearer <key>' or 'X-Api-Key: <key>' header");
            return;
        }

        if (!_byHash.TryGetValue(ApiKey.HashOf(secret), out var key))
        {
            if (await Failed(context, audit, time, client, "unknown API key"))
            {
                return;
            }

            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            await Problems.Write(context, StatusCodes.Status401Unauthorized, "Unknown API key", "the API key is not one this server knows (keys are compared by their SHA-256)");
            return;
        }

        if (!key.Scopes.Contains(required.Scope))
        {
            await Problems.Write(context, StatusCodes.Status403Forbidden, "Scope missing",
                $"the key '{key.Name}' has scope(s) {string.Join(", ", key.Scopes)}; this endpoint needs '{required.Scope}'");
            return;
        }

        context.Items[PrincipalItem] = key.Name;
        context.Items[RoleItem] = key.Role;
        await next(context);
    }

    // Records a failed authentication in the audit trail: the first from an address in each minute, with how many
    // were not recorded before it (so that a flood of failures cannot flood the trail). Past MaxFailuresPerMinute from
    // one address it answers 429 itself and returns true (a valid key from the same address is never held back).
    private async Task<bool> Failed(HttpContext context, AuditWriter audit, TimeProvider time, string client, string reason)
    {
        var now = time.GetUtcNow();
        var unrecorded = 0;
        var record = false;
        _failures.AddOrUpdate(client,
            _ => { record = true; return new Failures(now, 1); },
            (_, f) =>
            {
                if (now - f.Since >= TimeSpan.FromMinutes(1))
                {
                    record = true;
                    unrecorded = f.Count - 1;
                    return new Failures(now, 1);
                }

                record = false;
                return f with { Count = f.Count + 1 };
            });
        if (!record)
        {
            if (_failures.TryGetValue(client, out var current) && current.Count > MaxFailuresPerMinute)
            {
                context.Response.Headers.RetryAfter = "60";
                await Problems.Write(context, StatusCodes.Status429TooManyRequests, "Too many failed authentications",
                    $"more than {MaxFailuresPerMinute} requests from this address failed authentication in the last minute; wait, and check the key");
                return true;
            }

            return false;
        }

        try
        {
            await audit.WriteAsync(new Core.Audit.AuditEntry
            {
                At = now,
                Principal = "unauthenticated",
                Action = "auth-failed",
                Client = client,
                Request = System.Text.Json.JsonSerializer.Serialize(new { method = context.Request.Method, path = context.Request.Path.Value, reason, unrecorded_before = unrecorded }),
                Lists = "",
                Algorithm = "",
                Result = "",
            }, context.RequestAborted);
        }
        catch (Exception ex) when (ex is AuditUnavailableException or OperationCanceledException)
        {
            // The refusal stands whether or not it could be recorded.
        }

        return false;
    }

    private static readonly string[] AuthorizationSchemes = ["Bearer ", "ApiKey "];

    private sealed record Failures(DateTimeOffset Since, int Count);

    private static string? Secret(HttpRequest request)
    {
        var auth = request.Headers.Authorization.ToString();
        // 'Bearer <key>', or 'ApiKey <key>' as yente's clients (OpenSanctions' hosted API) send it.
        foreach (var scheme in AuthorizationSchemes)
        {
            if (auth.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && auth.Length > scheme.Length)
            {
                return auth[scheme.Length..].Trim();
            }
        }

        var header = request.Headers["X-Api-Key"].ToString();
        return header.Length > 0 ? header.Trim() : null;
    }
}
