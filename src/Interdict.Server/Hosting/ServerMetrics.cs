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
    private readonly Histogram<double> _auditSeconds;
    private readonly Histogram<double> _screenSeconds;

    public ServerMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _parties = meter.CreateCounter<long>("interdict.screen.parties", "{party}", "Parties screened (each name of a batch counts).");
        _hits = meter.CreateCounter<long>("interdict.screen.hits", "{hit}", "Hits returned.");
        _screenSeconds = meter.CreateHistogram<double>("interdict.screen.duration", "s", "Time to screen one request's parties (matching only).");
        _auditRecords = meter.CreateCounter<long>("interdict.audit.records", "{record}", "Audit records durably written.");
        _auditFailures = meter.CreateCounter<long>("interdict.audit.failures", "{record}", "Audit records that could not be written (their requests were refused).");
        _auditSeconds = meter.CreateHistogram<double>("interdict.audit.write.duration", "s", "Time to write one batch of audit records (one transaction).");
    }

    public void Screened(string endpoint, int parties, int hits, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("endpoint", endpoint);
        _parties.Add(parties, tag);
        _hits.Add(hits, tag);
        _screenSeconds.Record(elapsed.TotalSeconds, tag);
    }

    public void AuditWritten(int records, TimeSpan elapsed)
    {
        _auditRecords.Add(records);
        _auditSeconds.Record(elapsed.TotalSeconds);
    }

    public void AuditFailed(int records) => _auditFailures.Add(records);
}
