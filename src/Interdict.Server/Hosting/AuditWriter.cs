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
    private readonly ManualResetEventSlim _wake = new(false);

    public AuditWriter(IAuditLog log, ServerMetrics metrics, ILogger<AuditWriter> logger)
    {
        _log = log;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>Where the trail is kept.</summary>
    public string Location => _log.Location;

    /// <summary>What verifying the trail at start found (empty when intact); reported by <c>/health</c> as unhealthy.</summary>
    public IReadOnlyList<string> StartProblems { get; set; } = [];

    /// <summary>Queues an entry and completes when it is durably stored, with its place in the chain.</summary>
    public async Task<AuditRecord> WriteAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        var pending = new Pending(entry, new TaskCompletionSource<AuditRecord>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            await _queue.Writer.WriteAsync(pending, cancellationToken);
        }

        _wake.Set();
        // Not cancelled once queued: the record will be written whether or not the client waits for it.
        return await pending.Done.Task;
    }

    /// <summary>The chain head, for /health.</summary>
    public AuditHead Head() => _log.Head();

    // The writer has its own thread: woken directly when a request queues its entry, it does not wait its turn in the
    // thread pool's queue behind the screens of other requests (every request waiting on the flush would wait too).
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        try
        {
            while (true)
            {
                // Reset before draining: an entry queued after the drain sets the event again, so none is left waiting.
                _wake.Wait(stoppingToken);
                _wake.Reset();
                do
                {
                    batch.Clear();
                    while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var p))
                    {
                        batch.Add(p);
                    }

                    Flush(batch);
                }
                while (batch.Count == MaxBatch);
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
        _wake.Dispose();
        _log.Dispose();
    }

    private sealed record Pending(AuditEntry Entry, TaskCompletionSource<AuditRecord> Done);
}

/// <summary>The audit record of a request could not be written, so the request is not answered.</summary>
internal sealed class AuditUnavailableException(string message, Exception inner) : Exception(message, inner);
