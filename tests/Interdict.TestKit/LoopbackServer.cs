using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Interdict.TestKit;

/// <summary>What the loopback server answers for one path.</summary>
/// <param name="Body">The bytes sent.</param>
/// <param name="Status">The HTTP status.</param>
/// <param name="DeclaredLength">The Content-Length announced; more than the body simulates a transfer cut off mid-way.</param>
public sealed record Reply(byte[] Body, int Status = 200, long? DeclaredLength = null);

/// <summary>A request the loopback server received.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Name">The last path segment.</param>
/// <param name="Headers">Its headers.</param>
/// <param name="Body">Its body, as text.</param>
public sealed record ReceivedRequest(string Method, string Name, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>
/// A small HTTP server on 127.0.0.1 (a free port) serving canned replies, for testing downloads without the network.
/// Unknown paths answer 404. It stops when disposed.
/// </summary>
public sealed class LoopbackServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LoopbackServer()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/lists/");
        _listener.Prefixes.Add(BaseUrl.ToString());
        _listener.Start();
        _loop = Task.Run(Serve);
    }

    /// <summary>The base URL; files are served under it by name.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Replies by file name (the last path segment), e.g. <c>SDN.CSV</c>.</summary>
    public ConcurrentDictionary<string, Reply> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>How many requests were served.</summary>
    public int Requests => _requests;

    /// <summary>Every request received, in order (a webhook receiver's log).</summary>
    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    private int _requests;

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    private async Task Serve()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            Interlocked.Increment(ref _requests);
            var name = context.Request.Url!.Segments[^1];
            using (var body = new StreamReader(context.Request.InputStream))
            {
                Received.Enqueue(new ReceivedRequest(context.Request.HttpMethod, name,
                    context.Request.Headers.AllKeys.OfType<string>().ToDictionary(k => k, k => context.Request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase),
                    await body.ReadToEndAsync().ConfigureAwait(false)));
            }

            var response = context.Response;
            try
            {
                if (!Files.TryGetValue(name, out var reply))
                {
                    response.StatusCode = 404;
                    response.Close();
                    continue;
                }

                response.StatusCode = reply.Status;
                response.ContentLength64 = reply.DeclaredLength ?? reply.Body.Length;
                await response.OutputStream.WriteAsync(reply.Body).ConfigureAwait(false);
                if (reply.DeclaredLength is { } declared && declared > reply.Body.Length)
                {
                    response.Abort(); // cut the connection before the announced length
                    continue;
                }

                response.Close();
            }
            catch (Exception ex) when (ex is HttpListenerException or IOException or InvalidOperationException)
            {
                response.Abort();
            }
        }
    }
}
