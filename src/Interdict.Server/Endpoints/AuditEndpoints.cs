using System.Globalization;
using Interdict.Core.Audit;
using Interdict.Server.Hosting;
using Interdict.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Interdict.Server.Endpoints;

/// <summary>The answer of <c>GET /v1/audit/verify</c>.</summary>
/// <param name="Intact">True when no record was edited, inserted or removed.</param>
/// <param name="Records">Records checked.</param>
/// <param name="HeadSeq">The chain head's record number.</param>
/// <param name="HeadHash">The chain head's hash (anchor it elsewhere to detect a rewritten trail).</param>
/// <param name="Problems">Each break found.</param>
public sealed record AuditVerifyResponse(bool Intact, long Records, long HeadSeq, string HeadHash, IReadOnlyList<string> Problems);

/// <summary>The audit trail over HTTP, for administrators: export a date range, verify the chain.</summary>
internal static class AuditEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/audit", Export)
            .WithMetadata(new RequiresScope(Scopes.Admin)).AddEndpointFilter(new KnownQueryFilter("from", "to", "format"))
            .WithName("AuditExport").WithSummary("Audit records from 'from' (inclusive) to 'to' (exclusive), as JSON lines (format=jsonl, default) or CSV (format=csv)")
            .Produces<string>(StatusCodes.Status200OK, "application/x-ndjson", "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        app.MapGet("/v1/audit/verify", (IAuditLog log) =>
            {
                var v = AuditChain.Verify(log.Read(), log.Head());
                return TypedResults.Ok(new AuditVerifyResponse(v.Intact, v.Records, v.Head.Seq, v.Head.Hash, v.Problems));
            })
            .WithMetadata(new RequiresScope(Scopes.Admin)).AddEndpointFilter(new KnownQueryFilter())
            .WithName("AuditVerify").WithSummary("Check the hash chain: any edited, inserted or deleted record is reported");
    }

    private static Results<PushStreamHttpResult, ProblemHttpResult> Export(IAuditLog log, string? from, string? to, string? format)
    {
        if (!TryTime(from, "from", out var since, out var bad) || !TryTime(to, "to", out var until, out bad))
        {
            return bad!;
        }

        format ??= "jsonl";
        if (format is not ("jsonl" or "csv"))
        {
            return Problems.BadRequest($"format '{format}' is not jsonl or csv", "format");
        }

        return TypedResults.Stream(async stream =>
        {
            // Written in chunks: the response stream is asynchronous-only, the export writers are synchronous.
            await using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
            var first = true;
            foreach (var chunk in log.Read(since, until).Chunk(500))
            {
                using var text = new StringWriter(CultureInfo.InvariantCulture);
                _ = format == "csv" ? AuditExport.WriteCsv(chunk, text, header: first) : AuditExport.WriteJsonLines(chunk, text);
                first = false;
                await writer.WriteAsync(text.ToString());
            }

            if (first && format == "csv")
            {
                await writer.WriteAsync(string.Join(',', AuditExport.Columns) + "\r\n");
            }

            await writer.FlushAsync();
        }, format == "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8");
    }

    /// <summary>Parses a date (YYYY-MM-DD, midnight UTC) or an ISO 8601 time with offset.</summary>
    internal static bool TryTime(string? text, string field, out DateTimeOffset? time, out ProblemHttpResult? problem)
    {
        time = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (AuditColumns.TryParseBound(text, out var t))
        {
            time = t;
            return true;
        }

        problem = Problems.BadRequest($"{field} '{text}' is not a date (YYYY-MM-DD) or an ISO 8601 time", field);
        return false;
    }
}
