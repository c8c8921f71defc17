using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Interdict.Lists.Bundled;

namespace Interdict.Benchmarks;

/// <summary>
/// Issue #19's load test, on loopback only: heavy requests mixed with single screens. Starts the real server (as
/// <see cref="Load"/> does), then for a fixed time measures single-name screens (Latin and Arabic-script names of listed
/// people) and <c>/health</c> from a few clients: first alone (the baseline, same run), then while other clients keep
/// sending the heaviest requests the limits allow (parties of 40-word names of common Arabic name words, in Arabic
/// script). Prints p50/p99 of each, and how the heavy requests were answered (200, 503 + Retry-After, 413).
/// Usage: load-mixed [seconds=20] [heavy-clients=4] [heavy-parties=300]
/// </summary>
internal static class MixedLoad
{
    private static readonly string[] ArabicWords = "محمد احمد علی حسن حسین عبدالله عبد الرحمن ابراهیم خالد عمر یوسف محمود مصطفى صالح سالم ناصر فيصل حمد بن".Split(' ');

    public static async Task<int> Run(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 20;
        var heavyClients = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4;
        var heavyParties = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 300;
        var singles = Throughput.MakeQueries(BundledLists.Load("ofac-sdn"), 2000).Select(q => q.Name)
            .Concat(["قاسم سلیمانی", "حسین موسوی", "علی خامنه ای", "Hossein Mousavi"]).ToArray();
        var random = new Random(19);
        var heavyBody = JsonSerializer.SerializeToUtf8Bytes(new
        {
            parties = Enumerable.Range(0, heavyParties).Select(i => new
            {
                id = $"h-{i}",
                name = string.Join(' ', Enumerable.Range(0, 40).Select(_ => ArabicWords[random.Next(ArabicWords.Length)])),
            }),
        });

        var data = Directory.CreateTempSubdirectory("interdict-load-").FullName;
        var (url, server) = Load.StartServer(data);
        try
        {
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 64 };
            using var http = new HttpClient(handler) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(120) };
            await Load.WaitHealthy(http, server);
            Console.WriteLine($"server {url}; {Environment.ProcessorCount} cores; heavy request: {heavyParties} parties of 40 Arabic-script words ({heavyBody.Length / 1024:N0} KB)");
            Console.WriteLine();
            Console.WriteLine("| Phase | Single screens | single p50 ms | single p99 ms | /health p99 ms | Heavy 200 | Heavy 503 | Heavy other | Heavy p50 s |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var withHeavy in new[] { false, true })
            {
                using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
                var single = new List<double>();
                var health = new List<double>();
                var heavy = new List<(HttpStatusCode Status, double Seconds)>();
                var tasks = new List<Task>
                {
                    Loop(async i =>
                    {
                        using var body = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(new { parties = new[] { new { id = "s", name = singles[i % singles.Length] } } }));
                        body.Headers.ContentType = new("application/json");
                        var t = Stopwatch.GetTimestamp();
                        using var response = await http.PostAsync("/v1/screen", body);
                        await response.Content.LoadIntoBufferAsync();
                        Add(single, response.StatusCode == HttpStatusCode.OK ? Stopwatch.GetElapsedTime(t).TotalMilliseconds : double.PositiveInfinity);
                    }, stop.Token),
                    Loop(async _ =>
                    {
                        var t = Stopwatch.GetTimestamp();
                        using var response = await http.GetAsync("/health");
                        Add(health, Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                        await Task.Delay(50);
                    }, stop.Token),
                };
                for (var c = 0; withHeavy && c < heavyClients; c++)
                {
                    tasks.Add(Loop(async _ =>
                    {
                        using var body = new ByteArrayContent(heavyBody);
                        body.Headers.ContentType = new("application/json");
                        var t = Stopwatch.GetTimestamp();
                        using var response = await http.PostAsync("/v1/screen", body);
                        await response.Content.LoadIntoBufferAsync();
                        lock (heavy)
                        {
                            heavy.Add((response.StatusCode, Stopwatch.GetElapsedTime(t).TotalSeconds));
                        }

                        if (response.Headers.RetryAfter?.Delta is { } wait)
                        {
                            await Task.Delay(wait);
                        }
                    }, stop.Token));
                }

                await Task.WhenAll(tasks);
                var ok = heavy.Where(h => h.Status == HttpStatusCode.OK).Select(h => h.Seconds).ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {(withHeavy ? $"with {heavyClients} heavy clients" : "alone (baseline)")} | {single.Count:N0} | {Percentile(single, 0.5):F1} | {Percentile(single, 0.99):F1} | {Percentile(health, 0.99):F1} | {ok.Count} | {heavy.Count(h => h.Status == HttpStatusCode.ServiceUnavailable)} | {heavy.Count(h => h.Status is not (HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable))} | {(ok.Count > 0 ? Percentile(ok, 0.5) : 0):F1} |"));
            }
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }

        return 0;
    }

    // Runs the step again and again until stopped (a step already sent is waited for, its timing kept).
    private static async Task Loop(Func<int, Task> step, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            await step(i);
        }
    }

    private static void Add(List<double> list, double value)
    {
        lock (list)
        {
            list.Add(value);
        }
    }

    private static double Percentile(List<double> values, double share)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * share))];
    }
}
