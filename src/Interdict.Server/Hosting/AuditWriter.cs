using System.Diagnostics;
using System.Threading.Channels;
using Interdict.Core.Audit;

namespace Interdict.Server.Hosting;

/// <summary>
/// Writes audit records with group commit: requests queue their entry and wait; one writer takes everything queued,
/// appends it in one durable transaction, and only then releases the requests. One fsync serves many requests, and no
/// answer leaves before its record is on disk.
/// </summary>
internal sealed class AuditWriter : BackgroundService
{
    private const int MaxBatch = 512;

    private readonly IAuditLog _log;
    private readonly ServerMetrics _metrics;
    private readonly ILogger<AuditWriter> _logger;
    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(20_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public AuditWriter(IAuditLog log, ServerMetrics metrics, ILogger<AuditWriter> logger)
    {
        _log = log;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>Where the trail is kept.</summary>
    public string Location => _log.Location;

    /// <summary>Queues an entry and completes when it is durably stored, with its place in the chain.</summary>
    public async Task<AuditRecord> WriteAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        var pending = new Pending(entry, new TaskCompletionSource<AuditRecord>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        // Not cancelled once queued: the record will be written whether or not the client waits for it.
        return await pending.Done.Task;
    }

    /// <summary>The chain head, for /health.</summary>
    public AuditHead Head() => _log.Head();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var p))
                {
                    batch.Add(p);
                }

                Flush(batch);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: write whatever is still queued, so that no waiting request is left without its record.
            batch.Clear();
            while (_queue.Reader.TryRead(out var p))
            {
                batch.Add(p);
            }

            Flush(batch);
        }
    }

    private void Flush(List<Pending> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var records = _log.Append([.. batch.Select(p => p.Entry)]);
            _metrics.AuditWritten(batch.Count, Stopwatch.GetElapsedTime(started));
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.SetResult(records[i]);
            }
        }
#pragma warning disable CA1031 // Every waiting request is failed with the cause; the writer keeps running for the next batch.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogError(ex, "Writing {Count} audit records to {Location} failed; their requests are refused", batch.Count, _log.Location);
            _metrics.AuditFailed(batch.Count);
            foreach (var p in batch)
            {
                p.Done.SetException(new AuditUnavailableException($"the audit trail ({_log.Location}) could not be written: {ex.Message}", ex));
            }
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        _log.Dispose();
    }

    private sealed record Pending(AuditEntry Entry, TaskCompletionSource<AuditRecord> Done);
}

/// <summary>The audit record of a request could not be written, so the request is not answered.</summary>
internal sealed class AuditUnavailableException(string message, Exception inner) : Exception(message, inner);
