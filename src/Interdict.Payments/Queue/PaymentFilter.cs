using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Interdict.Core.Audit;
using Interdict.Core.Matching;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Interdict.Payments.Queue;

/// <summary>Where the payment filter reads and writes, and how.</summary>
public sealed record PaymentFilterOptions
{
    /// <summary>The broker, e.g. <c>amqp://guest:guest@127.0.0.1:5672/</c>.</summary>
    public required Uri Broker { get; init; }

    /// <summary>The queue payments arrive on.</summary>
    public string Input { get; init; } = "payments.in";

    /// <summary>The queue passed payments go to.</summary>
    public string Pass { get; init; } = "payments.pass";

    /// <summary>The queue held payments go to.</summary>
    public string Hold { get; init; } = "payments.hold";

    /// <summary>The queue of messages that cannot be read (malformed, truncated, a DOCTYPE, not UTF-8, oversized).</summary>
    public string DeadLetter { get; init; } = "payments.dead";

    /// <summary>At most this many messages are decided, recorded, published and acknowledged together.</summary>
    public int Batch { get; init; } = 200;

    /// <summary>The largest message read.</summary>
    public int MaxBytes { get; init; } = PaymentText.DefaultMaxBytes;

    /// <summary>Stop once no message has arrived for this long (null: run until cancelled).</summary>
    public TimeSpan? IdleExit { get; init; }

    /// <summary>This filter's name, in the audit trail and on each message it publishes.</summary>
    public string Instance { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}";
}

/// <summary>How many messages the filter has decided since it started.</summary>
/// <param name="Passed">Published to the pass queue.</param>
/// <param name="Held">Published to the hold queue.</param>
/// <param name="Rejected">Published to the dead-letter queue.</param>
/// <param name="Redelivered">Of these, messages the broker delivered again (a filter stopped before acknowledging them).</param>
public sealed record PaymentFilterCounts(long Passed, long Held, long Rejected, long Redelivered)
{
    /// <summary>Every message decided.</summary>
    public long Total => Passed + Held + Rejected;
}

/// <summary>
/// The inline payment filter: consumes payment messages from a RabbitMQ queue, screens each, and publishes it (its bytes
/// unchanged, persistent) to the pass, hold or dead-letter queue with its decision in headers. A batch is acknowledged
/// only after its decisions are durably in the audit trail and the broker has confirmed every publication, so a filter
/// killed at any moment loses nothing: what it had not acknowledged is delivered again (to it or to another filter on
/// the queue) and decided again. A message decided twice is published twice with the same <c>message_id</c> (the
/// producer's, else <c>sha256:</c> of its bytes), by which a downstream consumer deduplicates.
/// </summary>
public sealed class PaymentFilter
{
    /// <summary>Header: <c>pass</c>, <c>hold</c> or <c>rejected</c>.</summary>
    public const string DecisionHeader = "x-interdict-decision";

    /// <summary>Header: the decision as JSON (hits with field, kind, entity, score), or the reason a message was rejected.</summary>
    public const string ResultHeader = "x-interdict-result";

    /// <summary>Header: the audit record's sequence number.</summary>
    public const string AuditHeader = "x-interdict-audit-seq";

    /// <summary>Header: the filter that decided.</summary>
    public const string FilterHeader = "x-interdict-filter";

    // The screener, its engine and its list versions as JSON, swapped whole when the lists in force change.
    private volatile Screening _current;
    private readonly IAuditLog _audit;
    private readonly PaymentFilterOptions _options;
    private readonly TimeProvider _time;
    private long _passed, _held, _rejected, _redelivered;

    /// <summary>Creates the filter; <paramref name="engine"/> is the one <paramref name="screener"/> screens with (its list versions go to the audit trail).</summary>
    public PaymentFilter(PaymentScreener screener, ScreeningEngine engine, IAuditLog audit, PaymentFilterOptions options, TimeProvider? time = null)
    {
        _current = new Screening(screener ?? throw new ArgumentNullException(nameof(screener)), engine ?? throw new ArgumentNullException(nameof(engine)),
            JsonSerializer.Serialize(engine.ListVersions, ScreeningJson.Compact));
        _audit = audit ?? throw new ArgumentNullException(nameof(audit));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? TimeProvider.System;
        if (options.Batch is < 1 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Batch, "the batch size must be 1 to 10,000");
        }
    }

    /// <summary>
    /// Puts other lists in force (a list update): the batches decided from now on are screened with
    /// <paramref name="screener"/> and record <paramref name="engine"/>'s list versions; a batch in hand keeps the lists it
    /// started with.
    /// </summary>
    public void Replace(PaymentScreener screener, ScreeningEngine engine)
    {
        ArgumentNullException.ThrowIfNull(screener);
        ArgumentNullException.ThrowIfNull(engine);
        _current = new Screening(screener, engine, JsonSerializer.Serialize(engine.ListVersions, ScreeningJson.Compact));
    }

    /// <summary>What the filter has decided so far.</summary>
    public PaymentFilterCounts Counts => new(Interlocked.Read(ref _passed), Interlocked.Read(ref _held), Interlocked.Read(ref _rejected), Interlocked.Read(ref _redelivered));

    /// <summary>Consumes until cancelled (or idle for <see cref="PaymentFilterOptions.IdleExit"/>); reports after each batch.</summary>
    public async Task RunAsync(IProgress<PaymentFilterCounts>? progress = null, CancellationToken cancellationToken = default)
    {
        var factory = new ConnectionFactory
        {
            Uri = _options.Broker,
            ClientProvidedName = $"interdict payment-filter {_options.Instance}",
            AutomaticRecoveryEnabled = false,
        };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        await using var consume = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        await using var publish = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        foreach (var queue in new[] { _options.Input, _options.Pass, _options.Hold, _options.DeadLetter })
        {
            await consume.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments: null, cancellationToken: cancellationToken);
        }

        await consume.BasicQosAsync(0, (ushort)Math.Min(ushort.MaxValue, 2 * _options.Batch), global: false, cancellationToken);
        var inbox = Channel.CreateUnbounded<Delivery>(new UnboundedChannelOptions { SingleReader = true });
        var consumer = new AsyncEventingBasicConsumer(consume);
        consumer.ReceivedAsync += (_, e) =>
        {
            // The body is the client's buffer only during this call.
            inbox.Writer.TryWrite(new Delivery(e.DeliveryTag, e.Redelivered, e.Body.ToArray(), e.BasicProperties.MessageId, e.BasicProperties.ContentType));
            return Task.CompletedTask;
        };
        consumer.ShutdownAsync += (_, e) =>
        {
            inbox.Writer.TryComplete(e.Initiator == ShutdownInitiator.Application ? null : new IOException($"the broker closed the channel: {e.ReplyText}"));
            return Task.CompletedTask;
        };
        var tag = await consume.BasicConsumeAsync(_options.Input, autoAck: false, consumerTag: "", noLocal: false, exclusive: false, arguments: null, consumer, cancellationToken);

        // Two batches in flight: while one is published and waits for the broker's confirmations, the next is decided
        // and recorded. A batch is acknowledged only after the one before it (acknowledgements cover every earlier
        // delivery), and only after its own confirmations.
        Task pending = Task.CompletedTask;
        try
        {
            while (await WaitAsync(inbox.Reader, cancellationToken))
            {
                var batch = new List<Delivery>(_options.Batch);
                while (batch.Count < _options.Batch && inbox.Reader.TryRead(out var delivery))
                {
                    batch.Add(delivery);
                }

                var (outcomes, records, at) = Decide(batch);
                await pending;
                progress?.Report(Counts);
                pending = PublishAsync(batch, outcomes, records, at, consume, publish, cancellationToken);
            }

            await pending;
            progress?.Report(Counts);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped: what was not acknowledged goes back to the queue when the channel closes.
        }

        if (consume.IsOpen)
        {
            await consume.BasicCancelAsync(tag, noWait: false, CancellationToken.None);
        }
    }

    // Whether a delivery is waiting: false when the consumer ended, or nothing came for the idle time.
    private async Task<bool> WaitAsync(ChannelReader<Delivery> reader, CancellationToken cancellationToken)
    {
        if (_options.IdleExit is not { } idle)
        {
            return await reader.WaitToReadAsync(cancellationToken);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(idle);
        try
        {
            return await reader.WaitToReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    // Decides a batch (screening is the work; its messages are independent) and records every decision durably in
    // the audit trail before anything leaves.
    private (Outcome[] Outcomes, IReadOnlyList<AuditRecord> Records, DateTimeOffset At) Decide(List<Delivery> batch)
    {
        var screening = _current;
        var outcomes = new Outcome[batch.Count];
        Parallel.For(0, batch.Count, i => outcomes[i] = Decide(screening.Screener, batch[i]));
        var at = _time.GetUtcNow();
        var records = _audit.Append([.. outcomes.Select((o, i) => Entry(screening, at, batch[i], o))]);
        return (outcomes, records, at);
    }

    // Publishes each message of a decided batch to its queue, waits for the broker's confirmations, then acknowledges
    // the batch (every delivery up to its last, in order on the consuming channel).
    private async Task PublishAsync(List<Delivery> batch, Outcome[] outcomes, IReadOnlyList<AuditRecord> records, DateTimeOffset at, IChannel consume, IChannel publish,
        CancellationToken cancellationToken)
    {
        var confirmations = new Task[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var o = outcomes[i];
            var properties = new BasicProperties
            {
                MessageId = o.MessageId,
                ContentType = batch[i].ContentType,
                Persistent = true,
                Timestamp = new AmqpTimestamp(at.ToUnixTimeSeconds()),
                Headers = new Dictionary<string, object?>
                {
                    [DecisionHeader] = o.Decision,
                    [ResultHeader] = o.Result,
                    [AuditHeader] = records[i].Seq.ToString(CultureInfo.InvariantCulture),
                    [FilterHeader] = _options.Instance,
                },
            };
            var queue = o.Decision switch { "pass" => _options.Pass, "hold" => _options.Hold, _ => _options.DeadLetter };
            confirmations[i] = publish.BasicPublishAsync("", queue, mandatory: true, properties, batch[i].Body, cancellationToken).AsTask();
        }

        await Task.WhenAll(confirmations);
        await consume.BasicAckAsync(batch[^1].Tag, multiple: true, cancellationToken);
        foreach (var (o, d) in outcomes.Zip(batch))
        {
            Interlocked.Increment(ref o.Decision == "pass" ? ref _passed : ref o.Decision == "hold" ? ref _held : ref _rejected);
            if (d.Redelivered)
            {
                Interlocked.Increment(ref _redelivered);
            }
        }
    }

    private Outcome Decide(PaymentScreener screener, Delivery d)
    {
        var id = d.MessageId is { Length: > 0 } given ? given : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(d.Body))[..32];
        var name = $"{_options.Input} message {id}";
        try
        {
            var message = PaymentText.Read(d.Body, name, _options.MaxBytes);
            var result = screener.Screen(message);
            var json = JsonSerializer.Serialize(new { result.Decision, Hits = result.Hits.Select(h => new { h.Field, h.Kind, h.EntityId, h.Score }) }, ScreeningJson.Compact);
            return new Outcome(id, result.Decision, json, message.Format, message.MessageId);
        }
        catch (PaymentFormatException ex)
        {
            return new Outcome(id, "rejected", ex.Message, null, null);
        }
#pragma warning disable CA1031 // A message that breaks the screener must not pass: it goes to the dead-letter queue, named.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new Outcome(id, "rejected", $"{name}: could not be screened ({ex.GetType().Name}: {ex.Message})", null, null);
        }
    }

    private AuditEntry Entry(Screening screening, DateTimeOffset at, Delivery d, Outcome o) => new()
    {
        At = at,
        Principal = $"payment-filter {_options.Instance}",
        Action = o.Decision == "rejected" ? "payment-rejected" : "payment",
        Client = $"amqp:{_options.Input}",
        Request = JsonSerializer.Serialize(new { format = o.Format, message_id = o.PaymentId, amqp_message_id = o.MessageId, bytes = d.Body.Length, redelivered = d.Redelivered }, ScreeningJson.Compact),
        Lists = screening.Lists,
        Algorithm = screening.Engine.AlgorithmName,
        Result = o.Decision == "rejected" ? JsonSerializer.Serialize(new { decision = "rejected", error = o.Result }, ScreeningJson.Compact) : o.Result,
    };

    private sealed record Screening(PaymentScreener Screener, ScreeningEngine Engine, string Lists);

    private sealed record Delivery(ulong Tag, bool Redelivered, byte[] Body, string? MessageId, string? ContentType);

    private sealed record Outcome(string MessageId, string Decision, string Result, string? Format, string? PaymentId);
}
