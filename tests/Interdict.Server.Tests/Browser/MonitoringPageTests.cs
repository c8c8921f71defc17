using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using OpenQA.Selenium;

namespace Interdict.Server.Tests.Browser;

/// <summary>
/// Issue #23 on the analyst page: the registry, the monitoring alerts with filters, an alert's customer facts beside the
/// listed record's (SDN 10481 SOLEIMANI, Qasem, with UN IRi.039 in one alert), ownership paths, and four eyes: an analyst
/// proposes, is refused approving, a supervisor approves, and the history shows both.
/// </summary>
public sealed class MonitoringPageTests : BrowserTest
{
    private const string AdminKey = "idk_test-monitor-admin-00000000000000000000000";
    private const string AnalystKey = "idk_test-monitor-analyst-0000000000000000000000";
    private const string SupervisorKey = "idk_test-monitor-supervisor-00000000000000000000";

    protected override Dictionary<string, string> Settings => new()
    {
        ["INTERDICT__Auth__Keys__0__Name"] = "ops-admin",
        ["INTERDICT__Auth__Keys__0__Hash"] = Security.ApiKey.HashOf(AdminKey),
        ["INTERDICT__Auth__Keys__0__Scopes__0"] = "screen",
        ["INTERDICT__Auth__Keys__0__Scopes__1"] = "admin",
        ["INTERDICT__Auth__Keys__1__Name"] = "analyst-anna",
        ["INTERDICT__Auth__Keys__1__Hash"] = Security.ApiKey.HashOf(AnalystKey),
        ["INTERDICT__Auth__Keys__1__Scopes__0"] = "screen",
        ["INTERDICT__Auth__Keys__1__Scopes__1"] = "review",
        ["INTERDICT__Auth__Keys__2__Name"] = "supervisor-sam",
        ["INTERDICT__Auth__Keys__2__Hash"] = Security.ApiKey.HashOf(SupervisorKey),
        ["INTERDICT__Auth__Keys__2__Scopes__0"] = "screen",
        ["INTERDICT__Auth__Keys__2__Scopes__1"] = "review",
        ["INTERDICT__Auth__Keys__2__Role"] = "supervisor",
    };

    [Fact]
    public async Task Monitoring_ShowsRegistryAlertsFactsSideBySidePaths_AndTakesFourEyes()
    {
        var token = TestContext.Current.CancellationToken;
        using (var http = new HttpClient())
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
            var import = await http.PostAsJsonAsync(new Uri(ServerUrl + "/v1/monitor/parties"), new
            {
                parties = new object[]
                {
                    new { id = "c-1", name = "Qassem Soleimani", type = "person", dob = "1957-03-11", country = "IR" },
                    new { id = "c-2", name = "Quds Trading", type = "organization", country = "IR" },
                    new { id = "c-3", name = "Shiraz Shipping", type = "organization" },
                    new { id = "c-4", name = "Margaret Thornbury", type = "person", dob = "1980-02-29", country = "GB" },
                },
                ownership = new object[] { new { owner_id = "c-1", owned_id = "c-2", percent = "60" }, new { owner_id = "c-2", owned_id = "c-3", percent = "50" } },
            }, token);
            import.StatusCode.ShouldBe(HttpStatusCode.OK, await import.Content.ReadAsStringAsync(token));
            (await http.PostAsync(new Uri(ServerUrl + "/v1/monitor/run"), null, token)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var browser = Browser;
        browser.Navigate().GoToUrl(ServerUrl + "/");
        UseKey(AnalystKey);
        browser.FindElement(By.Id("nav-monitor")).Click();
        // Two name alerts on c-1 (SDN 10481 with UN IRi.039 as one, and UN IRi.040), and c-2 and c-3 owned through it.
        WaitFor(() => Rows().Count == 4 ? "four" : null);
        Rows().Select(r => r.GetAttribute("data-party")).ShouldBe(["c-3", "c-2", "c-1", "c-1"]); // newest first
        WaitFor(() => browser.FindElements(By.CssSelector("#registry-table tbody tr")).Count == 4 ? "registry" : null);
        browser.FindElement(By.Id("registry-status")).Text.ShouldContain("4 of 4 parties");

        Choose("monitor-kind-filter", "ownership");
        Rows().Select(r => r.GetAttribute("data-party")).ShouldBe(["c-3", "c-2"]);
        Choose("monitor-priority-filter", "low");
        Rows().Select(r => r.GetAttribute("data-party")).ShouldBe(["c-3"]);

        // The ownership alert shows its path with the percentages.
        OpenAlert(r => r.GetAttribute("data-party") == "c-3");
        WaitFor(() => browser.FindElements(By.CssSelector("#monitor-alert .paths li")).FirstOrDefault()?.Text)
            .ShouldBe("c-1 (Qassem Soleimani) -> 60% c-2 (Quds Trading) -> 50% c-3 (Shiraz Shipping) = 30%");
        browser.FindElement(By.Id("monitor-alert")).Text.ShouldContain("owner c-1");
        Screenshot("monitoring-ownership");

        // The name alert: one alert for SDN 10481 and UN IRi.039, the customer's facts beside each record's.
        Choose("monitor-kind-filter", "");
        Choose("monitor-priority-filter", "");
        OpenAlert(r => r.Text.Contains("ofac-sdn:10481", StringComparison.Ordinal));
        var facts = WaitFor(() => browser.FindElements(By.CssSelector("#monitor-alert table.side-by-side")).FirstOrDefault(t => t.Text.Contains("ofac-sdn:10481", StringComparison.Ordinal)));
        var heads = facts.FindElements(By.CssSelector("thead th")).Select(h => h.Text).ToList();
        heads.ShouldContain(h => h.Contains("ofac-sdn:10481", StringComparison.Ordinal));
        heads.ShouldContain(h => h.Contains("un:IRi.039", StringComparison.Ordinal));
        var dob = facts.FindElements(By.CssSelector("tbody tr")).Single(r => r.FindElement(By.TagName("th")).Text == "Date of birth");
        dob.FindElements(By.TagName("td"))[0].Text.ShouldBe("1957-03-11");
        dob.FindElements(By.TagName("td"))[1].Text.ShouldContain("1957");
        Screenshot("monitoring-alert");

        // Four eyes: the analyst proposes; approving her own proposal is refused; the supervisor approves.
        Choose("monitor-decision", "false_positive");
        browser.FindElement(By.Id("monitor-reason")).SendKeys("Customer is a schoolteacher born in Kerman, passport checked");
        browser.FindElement(By.CssSelector("#monitor-propose button[type=submit]")).Click();
        WaitFor(() => browser.FindElements(By.Id("monitor-approve")).FirstOrDefault());
        browser.FindElement(By.CssSelector("#monitor-alert .history")).Text.ShouldContain("proposed false_positive by analyst-anna");
        browser.FindElement(By.Id("monitor-approve")).Click();
        WaitFor(() => browser.FindElement(By.Id("monitor-step-status")).Text is { Length: > 0 } t ? t : null).ShouldContain("supervisor");

        UseKey(SupervisorKey);
        browser.FindElement(By.Id("monitor-approve-reason")).SendKeys("agreed: different date and place of birth");
        browser.FindElement(By.Id("monitor-approve")).Click();
        WaitFor(() => browser.FindElements(By.CssSelector("#monitor-alert .history li")).Count == 2 ? "approved" : null);
        var alert = browser.FindElement(By.Id("monitor-alert")).Text;
        alert.ShouldContain("approved false_positive by supervisor-sam");
        alert.ShouldContain("Status closed");
        Choose("monitor-status-filter", "open");
        Rows().Select(r => r.GetAttribute("data-party")).ShouldBe(["c-3", "c-2", "c-1"]);
        Rows().ShouldNotContain(r => r.Text.Contains("ofac-sdn:10481", StringComparison.Ordinal));
        Screenshot("monitoring-approved");
    }

    private void Choose(string select, string value) => Browser.FindElement(By.CssSelector($"#{select} option[value='{value}']")).Click();

    // The list is re-rendered as the alert opens: find the row and click in one probe, tried again if it went stale.
    private void OpenAlert(Func<IWebElement, bool> which) =>
        WaitFor(() => Rows().FirstOrDefault(which) is { } row ? Click(row.FindElement(By.CssSelector("a"))) : null);

    private static string Click(IWebElement link)
    {
        link.Click();
        return "clicked";
    }

    private List<IWebElement> Rows() => [.. Browser.FindElements(By.CssSelector("#monitor-alerts-table tbody tr"))];

    private void UseKey(string key)
    {
        var box = Browser.FindElement(By.Id("api-key"));
        box.Clear();
        box.SendKeys(key);
        box.SendKeys(Keys.Tab); // the page keeps the key on change
    }
}
