using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Interdict.TestKit;

/// <summary>Starts the real server (Interdict.Server.dll beside the tests) as a child process on a free loopback port.</summary>
public static class ServerProcess
{
    public static (string Name, string Url, Process Process) Start(string name, Dictionary<string, string> environment)
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Interdict.Server.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url);
        start.Environment["INTERDICT_DATA_DIR"] = Directory.CreateTempSubdirectory($"interdict-server-{name}-").FullName;
        start.Environment["INTERDICT__Screening__Lists"] = "ofac-sdn";
        start.Environment["INTERDICT__Lists__RefreshSeconds"] = "0";
        foreach (var (k, v) in environment)
        {
            start.Environment[k] = v;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (name, url, process);
    }

    public static async Task WaitUntilHealthy(HttpClient http, string url, Process process, CancellationToken token)
    {
        for (var attempt = 0; attempt < 240; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the server at {url} exited with code {process.ExitCode}");
            }

            try
            {
                if ((await http.GetAsync(new Uri(url + "/health"), token)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250, token);
        }

        throw new TimeoutException($"the server at {url} did not become healthy in 60 s");
    }

    /// <summary>Stops a server started by <see cref="Start"/> and releases its process.</summary>
    public static async Task Stop(Process process)
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }
}
