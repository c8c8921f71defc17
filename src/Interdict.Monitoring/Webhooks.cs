using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Interdict.Monitoring;

/// <summary>A receiver of monitoring alerts (<c>Monitoring:Webhooks</c>): its address and the secret the messages are signed with.</summary>
/// <param name="Url">Where each message is posted.</param>
/// <param name="Secret">The HMAC-SHA256 key (at least 16 characters).</param>
public sealed record WebhookTarget(Uri Url, string Secret);

/// <summary>
/// Posts each new alert to every webhook as JSON, signed: header <c>X-Interdict-Signature: t=UNIX,v1=HEX</c> where HEX is
/// the HMAC-SHA256, under the target's secret, of <c>UNIX.BODY</c> (a receiver checks it and refuses old timestamps);
/// <c>X-Interdict-Delivery</c> carries the message's number, the same on every retry, for the receiver to deduplicate.
/// Messages come from the registry's outbox, written with the alerts; a failed post is retried with backoff (5 s,
/// doubling, at most an hour apart), so a receiver that is down loses nothing.
/// </summary>
public sealed class WebhookSender(MonitorStore store, HttpClient http, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The signature header's value for a body at a time.</summary>
    public static string Sign(string secret, long unixSeconds, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{unixSeconds}.{body}")));
        return string.Create(CultureInfo.InvariantCulture, $"t={unixSeconds},v1={Convert.ToHexStringLower(mac)}");
    }

    /// <summary>
    /// Posts every due message to every target once; returns how many were delivered. When another replica is
    /// delivering from the same registry now, returns 0 at once: it posts what is due, and nothing is posted twice.
    /// </summary>
    public async Task<int> DeliverDueAsync(IReadOnlyList<WebhookTarget> targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        using var deliveryLock = store.TryLockDeliveries();
        if (deliveryLock is null)
        {
            return 0;
        }

        var delivered = 0;
        foreach (var target in targets)
        {
            var key = target.Url.ToString();
            foreach (var (id, body, attempts) in store.Pending(key, _time.GetUtcNow()))
            {
                var now = _time.GetUtcNow();
                using var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.Add("X-Interdict-Signature", Sign(target.Secret, now.ToUnixTimeSeconds(), body));
                request.Headers.Add("X-Interdict-Delivery", id.ToString(CultureInfo.InvariantCulture));
                int? status = null;
                string? error = null;
                try
                {
                    using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                    status = (int)response.StatusCode;
                    error = response.IsSuccessStatusCode ? null : $"HTTP {status}";
                }
                catch (HttpRequestException ex)
                {
                    error = ex.Message;
                }
                catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    error = $"timed out ({ex.Message})";
                }

                var tries = attempts + 1;
                DateTimeOffset? retryAt = error is null ? null : now + TimeSpan.FromSeconds(Math.Min(3600, 5 * Math.Pow(2, Math.Min(tries - 1, 12))));
                store.Delivered(id, key, tries, now, status, error, retryAt);
                delivered += error is null ? 1 : 0;
            }
        }

        return delivered;
    }
}
