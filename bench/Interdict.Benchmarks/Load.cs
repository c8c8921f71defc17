using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Interdict.Core.Matching;
using Interdict.Lists.Bundled;

namespace Interdict.Benchmarks;

/// <summary>
/// Load and soak harness for the screening service, on loopback only. Starts the real server (a child process, all
/// bundled lists, SQLite audit in a temporary folder), then for single-name screens and 100-name batches at 1, 10 and 50
/// concurrent clients measures requests/s, names/s, p50/p99 latency and errors for a fixed time each. The baseline in the
/// same run is in-process screening of the same names on all cores (no HTTP, no audit). An optional soak keeps 50 clients
/// busy and samples the server's resident memory.
/// Usage: load [seconds-per-scenario=10] [soak-minutes=0]
/// </summary>
internal static class Load
{
    public static async Task<int> Run(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var soakMinutes = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 0;
        var names = Throughput.MakeQueries(BundledLists.Load("ofac-sdn"), 5000).Select(q => q.Name).ToArray();

        var baseline = InProcessRate(names, seconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"baseline: in-process screening, all lists, {Environment.ProcessorCount} cores: {baseline:N0} names/s"));
        GC.Collect();

        var data = Directory.CreateTempSubdirectory("interdict-load-").FullName;
        var (url, server) = StartServer(data);
        try
        {
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(30) };
            using var http = new HttpClient(handler) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
            await WaitHealthy(http, server);
            Console.WriteLine($"server {url}, audit {Path.Combine(data, "audit.db")}, start-up RSS {Rss(server):N0} MB");
            Console.WriteLine();
            Console.WriteLine("| Request | Clients | Requests | Requests/s | Names/s | vs in-process | p50 ms | p99 ms | Errors |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var batch in new[] { 1, 100 })
            {
                foreach (var clients in new[] { 1, 10, 50 })
                {
                    var r = await Scenario(http, names, batch, clients, TimeSpan.FromSeconds(seconds));
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {(batch == 1 ? "single name" : "100-name batch")} | {clients} | {r.Requests:N0} | {r.Requests / r.Seconds:N0} | {r.Requests * batch / r.Seconds:N0} | {r.Requests * batch / r.Seconds / baseline:P0} | {r.P50:F1} | {r.P99:F1} | {r.Errors} |"));
                }
            }

            Console.WriteLine();
            Console.WriteLine($"server RSS after the scenarios: {Rss(server):N0} MB");
            if (soakMinutes > 0)
            {
                await Soak(http, names, server, TimeSpan.FromMinutes(soakMinutes));
            }
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            server.WaitForExit();
        }

        return 0;
    }

    private static double InProcessRate(string[] names, double seconds)
    {
        var engine = new ScreeningEngine(Interdict.Lists.ListSources.Ids.Select(BundledLists.Load));
        var stop = Stopwatch.StartNew();
        long done = 0;
        Parallel.For(0, Environment.ProcessorCount, _ =>
        {
            var i = 0;
            while (stop.Elapsed.TotalSeconds < seconds)
            {
                engine.Screen(new ScreeningQuery { Name = names[i++ % names.Length] });
                Interlocked.Increment(ref done);
            }
        });
        return done / stop.Elapsed.TotalSeconds;
    }

    private sealed record Result(long Requests, double Seconds, double P50, double P99, long Errors);

    private static async Task<Result> Scenario(HttpClient http, string[] names, int batch, int clients, TimeSpan duration)
    {
        // Latencies go into fixed 0.01 ms buckets (up to 10 s) rather than growing lists: over a 10-minute soak the lists
        // grew to millions of entries, and the client's own garbage collections then showed up as server latency.
        var histogram = new long[1_000_000];
        long errors = 0, next = 0, requests = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            while (clock.Elapsed < duration)
            {
                var start = Interlocked.Add(ref next, batch) - batch;
                var parties = Enumerable.Range(0, batch).Select(i => new { id = (start + i).ToString(CultureInfo.InvariantCulture), name = names[(start + i) % names.Length] });
                // The body serialised up front, sent with its length (as most HTTP clients send small JSON bodies), not
                // streamed in chunks: less work for the client, which shares the two cores with the server.
                using var body = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(new { parties }));
                body.Headers.ContentType = new("application/json");
                var t = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.PostAsync("/v1/screen", body);
                    await response.Content.LoadIntoBufferAsync();
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }

                var bucket = (int)Math.Min(histogram.Length - 1, Stopwatch.GetElapsedTime(t).TotalMilliseconds * 100);
                Interlocked.Increment(ref histogram[bucket]);
                Interlocked.Increment(ref requests);
            }
        }));
        var elapsed = clock.Elapsed.TotalSeconds;
        return new Result(requests, elapsed, Percentile(histogram, requests, 0.5), Percentile(histogram, requests, 0.99), errors);
    }

    // The upper edge of the bucket holding the request at that rank, in milliseconds.
    private static double Percentile(long[] histogram, long count, double share)
    {
        var rank = (long)(count * share);
        long seen = 0;
        for (var i = 0; i < histogram.Length; i++)
        {
            seen += histogram[i];
            if (seen > rank)
            {
                return (i + 1) / 100.0;
            }
        }

        return histogram.Length / 100.0;
    }

    private static async Task Soak(HttpClient http, string[] names, Process server, TimeSpan duration)
    {
        Console.WriteLine($"soak: single-name screens from 50 clients for {duration.TotalMinutes:N0} min; server RSS every 30 s");
        var samples = new List<(double Minutes, long Mb)>();
        var clock = Stopwatch.StartNew();
        var load = Scenario(http, names, 1, 50, duration);
        while (!load.IsCompleted)
        {
            samples.Add((clock.Elapsed.TotalMinutes, Rss(server)));
            await Task.WhenAny(load, Task.Delay(TimeSpan.FromSeconds(30)));
        }

        var r = await load;
        samples.Add((clock.Elapsed.TotalMinutes, Rss(server)));
        Console.WriteLine(string.Join(", ", samples.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Minutes:F1} min {s.Mb} MB"))));
        var warm = samples.Where(s => s.Minutes >= 1).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"soak: {r.Requests:N0} requests ({r.Requests / r.Seconds:N0}/s), p50 {r.P50:F1} ms, p99 {r.P99:F1} ms, {r.Errors} errors; RSS after 1 min {warm.FirstOrDefault().Mb} MB, at the end {samples[^1].Mb} MB, max {samples.Max(s => s.Mb)} MB"));
    }

    private static long Rss(Process process)
    {
        process.Refresh();
        return process.WorkingSet64 / (1024 * 1024);
    }

    internal static (string Url, Process Process) StartServer(string data)
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        // INTERDICT_BENCH_SERVER: another build's Interdict.Server.dll (an A/B against an earlier commit).
        start.ArgumentList.Add(Environment.GetEnvironmentVariable("INTERDICT_BENCH_SERVER") is { Length: > 0 } other ? other : Path.Combine(AppContext.BaseDirectory, "Interdict.Server.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url);
        start.Environment["INTERDICT_DATA_DIR"] = data;
        start.Environment["INTERDICT__Lists__RefreshSeconds"] = "0";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"server: {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (url, process);
    }

    internal static async Task WaitHealthy(HttpClient http, Process server)
    {
        for (var i = 0; i < 600; i++)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"the server exited with code {server.ExitCode}");
            }

            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the server did not start in 60 s");
    }
}
