using System.Diagnostics.Metrics;

namespace Interdict.Server.Hosting;

/// <summary>Interdict's own metrics (meter <c>Interdict.Server</c>), exported with ASP.NET Core's through OpenTelemetry at <c>/metrics</c>.</summary>
internal sealed class ServerMetrics
{
    public const string MeterName = "Interdict.Server";

    private readonly Counter<long> _parties;
    private readonly Counter<long> _hits;
    private readonly Counter<long> _auditRecords;
    private readonly Counter<long> _auditFailures;
    private readonly Histogram<double> _auditMilliseconds;
    private readonly Histogram<double> _screenMilliseconds;

    // Screening and audit writes take from a fraction of a millisecond to seconds: buckets in milliseconds spread over
    // that range (recorded in seconds, the exporter's default buckets of 0, 5, 10… put every request in the first).
    private static readonly InstrumentAdvice<double> Buckets = new()
    {
        HistogramBucketBoundaries = [0.25, 0.5, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000],
    };

    public ServerMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _parties = meter.CreateCounter<long>("interdict.screen.parties", "{party}", "Parties screened (each name of a batch counts).");
        _hits = meter.CreateCounter<long>("interdict.screen.hits", "{hit}", "Hits returned.");
        _screenMilliseconds = meter.CreateHistogram("interdict.screen.duration", "ms", "Time to screen one request's parties (matching only).", advice: Buckets);
        _auditRecords = meter.CreateCounter<long>("interdict.audit.records", "{record}", "Audit records durably written.");
        _auditFailures = meter.CreateCounter<long>("interdict.audit.failures", "{record}", "Audit records that could not be written (their requests were refused).");
        _auditMilliseconds = meter.CreateHistogram("interdict.audit.write.duration", "ms", "Time to write one batch of audit records (one transaction).", advice: Buckets);
    }

    public void Screened(string endpoint, int parties, int hits, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("endpoint", endpoint);
        _parties.Add(parties, tag);
        _hits.Add(hits, tag);
        _screenMilliseconds.Record(elapsed.TotalMilliseconds, tag);
    }

    public void AuditWritten(int records, TimeSpan elapsed)
    {
        _auditRecords.Add(records);
        _auditMilliseconds.Record(elapsed.TotalMilliseconds);
    }

    public void AuditFailed(int records) => _auditFailures.Add(records);
}
