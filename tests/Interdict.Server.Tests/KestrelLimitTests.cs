using System.Net;
using System.Text;

namespace Interdict.Server.Tests;

/// <summary>
/// The real server (Kestrel, in its own process): Limits:MaxBodyBytes is enforced by the screening endpoint with a
/// problem response, and Kestrel itself refuses bodies over twice that as a backstop, also answered as a problem (it was
/// a 500 before); no Server header is sent.
/// </summary>
public sealed class KestrelLimitTests
{
    [Fact]
    public async Task BodyLimits_EndpointAnswersAProblem_KestrelRefusesFarLargerBodies()
    {
        var token = TestContext.Current.CancellationToken;
        var (_, url, process) = ServerProcess.Start("limits", new() { ["INTERDICT__Limits__MaxBodyBytes"] = "4096" });
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            await ServerProcess.WaitUntilHealthy(http, url, process, token);

            // Over the limit but under Kestrel's cap (2 × 4,096): the endpoint's problem response, naming the setting.
            var over = await Post(http, url + "/v1/screen", 6_000, token);
            over.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
            (await over.Content.ReadAsStringAsync(token)).ShouldContain("Limits:MaxBodyBytes");
            over.Headers.Contains("Server").ShouldBeFalse();

            // Endpoints without their own limit (an alert decision) are held to Kestrel's cap: a small body reaches the
            // endpoint (no such alert), one over 2 × 4,096 bytes is refused before it is read.
            var small = await Post(http, url + "/v1/alerts/999999/decision", 100, token);
            small.StatusCode.ShouldNotBe(HttpStatusCode.RequestEntityTooLarge);
            var far = await Post(http, url + "/v1/alerts/999999/decision", 20_000, token);
            far.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
            (await far.Content.ReadAsStringAsync(token)).ShouldContain("Limits:MaxBodyBytes"); // a problem saying why, not a server error
        }
        finally
        {
            await ServerProcess.Stop(process);
        }
    }

    private static Task<HttpResponseMessage> Post(HttpClient http, string url, int size, CancellationToken token)
    {
        var body = $$"""{"parties":[{"name":"Soleimani","id":"{{new string('x', size)}}"}],"decision":"dismissed"}""";
        var content = new StringContent(body, Encoding.UTF8, "application/json");
        return http.PostAsync(new Uri(url), content, token);
    }
}
