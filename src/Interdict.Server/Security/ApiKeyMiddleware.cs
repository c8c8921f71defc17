using System.Collections.Frozen;
using System.Net;
using Interdict.Server.Hosting;

namespace Interdict.Server.Security;

/// <summary>Endpoint metadata: the scope a caller's key must carry.</summary>
internal sealed record RequiresScope(string Scope);

/// <summary>
/// Checks the API key on every endpoint that declares <see cref="RequiresScope"/>. Keys come in
/// <c>Authorization: Bearer …</c> or <c>X-Api-Key: …</c>. With no keys configured the server is open, but only to
/// connections arriving on a loopback address (start-up refuses any other binding; this is the second line).
/// </summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, ServerSettings settings)
{
    /// <summary>The <see cref="HttpContext.Items"/> key holding the caller's name, for the audit trail.</summary>
    public const string PrincipalItem = "interdict.principal";

    public const string AnonymousLoopback = "anonymous (loopback)";

    private readonly FrozenDictionary<string, ApiKey> _byHash = settings.Keys.ToFrozenDictionary(k => k.Hash, StringComparer.Ordinal);

    public async Task InvokeAsync(HttpContext context)
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

        var secret = Secret(context.Request);
        if (secret is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Problems.Write(context, StatusCodes.Status401Unauthorized, "API key required",
                "send the key in an 'Authorization: Bearer <key>' or 'X-Api-Key: <key>' header");
            return;
        }

        if (!_byHash.TryGetValue(ApiKey.HashOf(secret), out var key))
        {
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
        await next(context);
    }

    private static string? Secret(HttpRequest request)
    {
        var auth = request.Headers.Authorization.ToString();
        if (auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && auth.Length > 7)
        {
            return auth[7..].Trim();
        }

        var header = request.Headers["X-Api-Key"].ToString();
        return header.Length > 0 ? header.Trim() : null;
    }
}
