namespace Interdict.Core.Alerts;

/// <summary>An alert: one hit of a batch screening, waiting for (or carrying) an analyst's decision.</summary>
/// <param name="Id">The alert's number.</param>
/// <param name="BatchId">The batch it came from.</param>
/// <param name="CustomerId">The screened party's id (customer, counterparty).</param>
/// <param name="CustomerName">The screened name.</param>
/// <param name="EntityId">The listed entity hit.</param>
/// <param name="EntityName">Its primary name.</param>
/// <param name="Score">The hit's score.</param>
/// <param name="EntityHash">The fingerprint of the entity's record when the alert was raised.</param>
/// <param name="Status"><c>open</c>, <c>true_match</c>, <c>false_positive</c>, <c>escalated</c> or <c>suppressed</c>.</param>
/// <param name="Changed">True when an earlier false-positive decision exists but the entity's record changed since.</param>
/// <param name="CreatedAt">When it was raised.</param>
/// <param name="DecidedBy">Who decided, if anyone.</param>
/// <param name="DecidedAt">When.</param>
/// <param name="Reason">The decision's reason.</param>
public sealed record Alert(long Id, string BatchId, string CustomerId, string CustomerName, string EntityId, string EntityName, double Score,
    string EntityHash, string Status, bool Changed, DateTimeOffset CreatedAt, string? DecidedBy, DateTimeOffset? DecidedAt, string? Reason);

/// <summary>A hit to raise as an alert.</summary>
/// <param name="CustomerId">The screened party's id.</param>
/// <param name="CustomerName">The screened name.</param>
/// <param name="EntityId">The listed entity.</param>
/// <param name="EntityName">Its primary name.</param>
/// <param name="Score">The score.</param>
/// <param name="EntityHash">The entity record's fingerprint now.</param>
public sealed record NewAlert(string CustomerId, string CustomerName, string EntityId, string EntityName, double Score, string EntityHash);

/// <summary>
/// The alert queue of batch screenings. A false-positive decision for a (customer id, listed entity) pair suppresses the
/// same alert in later batches while the entity's record is unchanged (same fingerprint); once the record changes the
/// alert is raised again, flagged <see cref="Alert.Changed"/>.
/// </summary>
public interface IAlertStore : IDisposable
{
    /// <summary>Where the alerts are kept (a file path or a database address without credentials), for logs.</summary>
    string Location { get; }

    /// <summary>Raises alerts for a batch's hits, applying earlier false-positive decisions; returns them in order.</summary>
    IReadOnlyList<Alert> Raise(string batchId, IReadOnlyList<NewAlert> hits, DateTimeOffset at);

    /// <summary>Alerts, newest first: of one status (<c>open</c> by default; <c>all</c> for every one), of one batch when given.</summary>
    IReadOnlyList<Alert> List(string status = "open", string? batchId = null, int limit = 1000);

    /// <summary>One alert, or null.</summary>
    Alert? Find(long id);

    /// <summary>
    /// Records a decision (see <see cref="AlertDecisions.All"/>) on an open or escalated alert; returns the updated alert.
    /// Throws <see cref="InvalidOperationException"/> when there is no such alert or it is already decided.
    /// </summary>
    Alert Decide(long id, string decision, string reason, string by, DateTimeOffset at);
}

/// <summary>The decisions an analyst can make, and the status each leaves.</summary>
public static class AlertDecisions
{
    /// <summary>Decision → the alert's status after it.</summary>
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["true_match"] = "true_match",
        ["false_positive"] = "false_positive",
        ["escalate"] = "escalated",
    };

    /// <summary>Every status an alert can have, and <c>all</c>, as a status filter accepts them.</summary>
    public static readonly IReadOnlySet<string> StatusFilters = new HashSet<string>(StringComparer.Ordinal)
    {
        "open", "true_match", "false_positive", "escalated", "suppressed", "all",
    };

    /// <summary>The status a decision leaves; throws <see cref="ArgumentException"/> for an unknown decision.</summary>
    public static string StatusAfter(string decision) =>
        decision is not null && All.TryGetValue(decision, out var status)
            ? status
            : throw new ArgumentException($"decision '{decision}' is not one of {string.Join(", ", All.Keys)}", nameof(decision));
}
