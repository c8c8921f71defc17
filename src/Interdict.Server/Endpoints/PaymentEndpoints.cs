using System.Text;
using System.Text.Json;
using Interdict.Core.Matching;
using Interdict.Payments;
using Interdict.Server.Hosting;
using Interdict.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Interdict.Server.Endpoints;

/// <summary><c>POST /v1/payments/screen</c>: one raw payment message (ISO 20022 XML or SWIFT MT text), held or passed, recorded in the audit trail.</summary>
internal static class PaymentEndpoints
{
    // One screener per engine (the lists in force): it indexes the lists' BICs once and keeps its cache of screens
    // until a list update brings a new engine.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ScreeningEngine, PaymentScreener> Screeners = [];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/payments/screen", Screen)
            .WithMetadata(new RequiresScope(Scopes.Screen)).AddEndpointFilter(new KnownQueryFilter())
            .WithName("ScreenPayment").WithSummary("Screen a payment message: application/xml (ISO 20022) or text/plain (SWIFT MT)")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }

    private static async Task<Results<Ok<PaymentResult>, ProblemHttpResult>> Screen(HttpContext http, EngineHost host, AuditWriter audit, ServerSettings settings, TimeProvider time,
        IConfiguration config, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        var type = http.Request.ContentType ?? "";
        var xml = type.StartsWith("application/xml", StringComparison.OrdinalIgnoreCase) || type.StartsWith("text/xml", StringComparison.OrdinalIgnoreCase);
        if (!xml && !type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Result(StatusCodes.Status415UnsupportedMediaType, "Payment message expected", "send an ISO 20022 message as application/xml or a SWIFT MT message as text/plain");
        }

        var body = await ScreeningEndpoints.ReadBody(http.Request, settings.Limits.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Problems.Result(StatusCodes.Status413PayloadTooLarge, "Message too large", $"the message is larger than {settings.Limits.MaxBodyBytes:N0} bytes (setting Limits:MaxBodyBytes)");
        }

        PaymentMessage message;
        try
        {
            message = xml ? Iso20022Reader.Read(body, "request") : MtReader.Read(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body), "request");
        }
        catch (PaymentFormatException ex)
        {
            return Problems.BadRequest(ex.Message, "body");
        }
        catch (DecoderFallbackException)
        {
            return Problems.BadRequest("the message is not UTF-8 text", "body");
        }

        var snapshot = host.Current;
        var result = Screeners.GetValue(snapshot.Engine, engine => new PaymentScreener(engine, settings.Threshold, PaymentScreener.ParseJurisdictions(config["Payments:Jurisdictions"])))
            .Screen(message);
        var entry = ScreeningEndpoints.Entry(http, at, "payment", JsonSerializer.Serialize(new { format = message.Format, message_id = message.MessageId, bytes = body.Length }, ScreeningJson.Compact),
            snapshot.Engine, JsonSerializer.Serialize(new { result.Decision, Hits = result.Hits.Select(h => new { h.Field, h.Kind, h.EntityId, h.Score }) }, ScreeningJson.Compact));
        var record = await ScreeningEndpoints.Record(audit, entry, cancellationToken);
        return record.Problem is { } unavailable ? unavailable : TypedResults.Ok(result);
    }
}
