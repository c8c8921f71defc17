using System.Diagnostics;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Interdict.Server.Tests.Browser;

/// <summary>
/// The analyst page in Debian's Chromium (headless, through chromedriver), against the real server process on the bundled
/// SDN and UN lists. Screenshots of each page go to <c>artifacts/screenshots/</c>.
/// </summary>
public sealed class AnalystPageTests : IAsyncLifetime
{
    private const string ChromeDriver = "/usr/bin/chromedriver";
    private const string Chromium = "/usr/bin/chromium";

    private (string Name, string Url, Process Process) _server;
    private ChromeDriver? _browser;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromeDriver) || !File.Exists(Chromium))
        {
            if (Environment.GetEnvironmentVariable("INTERDICT_REQUIRE_BROWSER") == "1")
            {
                Assert.Fail("chromium and chromium-driver are not installed, but INTERDICT_REQUIRE_BROWSER=1: CI must run the browser tests");
            }

            Assert.Skip("Debian's chromium and chromium-driver are not installed: browser tests skipped (.ci/run installs them)");
        }

        _server = ServerProcess.Start("page", new() { ["INTERDICT__Screening__Lists"] = "ofac-sdn,un" });
        using var http = new HttpClient();
        await ServerProcess.WaitUntilHealthy(http, _server.Url, _server.Process, TestContext.Current.CancellationToken);

        var options = new ChromeOptions { BinaryLocation = Chromium };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,900", "--lang=en-GB");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriver)!, Path.GetFileName(ChromeDriver));
        service.SuppressInitialDiagnosticInformation = true;
        _browser = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    public ValueTask DisposeAsync()
    {
        _browser?.Quit();
        _browser?.Dispose();
        if (_server.Process is { } p)
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            p.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    [Fact]
    public void Search_QassemSoleimani_ShowsSdn10481FirstWithItsExplanation()
    {
        var browser = _browser!;
        browser.Navigate().GoToUrl(_server.Url + "/");
        var box = browser.FindElement(By.Id("q"));
        browser.SwitchTo().ActiveElement().GetAttribute("id").ShouldBe("q", "the name field has the focus on arrival");
        box.SendKeys("Qassem Soleimani");
        browser.FindElement(By.Id("dob")).SendKeys("1957");
        box.SendKeys(Keys.Enter);

        var first = WaitFor(() => browser.FindElements(By.CssSelector("#hits .hit")).FirstOrDefault());
        first.GetAttribute("data-entity").ShouldBe("ofac-sdn:10481");
        first.FindElement(By.CssSelector("h2 a")).Text.ShouldBe("SOLEIMANI, Qasem");
        first.FindElements(By.CssSelector("table.alignment tbody tr")).Count.ShouldBeGreaterThanOrEqualTo(2);
        first.FindElements(By.CssSelector("mark.aligned")).Select(m => m.Text).ShouldContain("soleimani");
        first.Text.ShouldContain("date of birth");
        browser.FindElement(By.Id("search-status")).Text.ShouldContain("audit record");
        Screenshot("search");

        // The hit's name opens the entity page.
        first.FindElement(By.CssSelector("h2 a")).Click();
        var title = WaitFor(() => browser.FindElements(By.CssSelector("#entity h1")).FirstOrDefault());
        title.Text.ShouldBe("SOLEIMANI, Qasem");
        browser.FindElement(By.CssSelector("#entity dl.record")).Text.ShouldContain("IRGC");
        Screenshot("entity");
    }

    [Fact]
    public void Search_NoHit_And_Lists_ShowClearStates()
    {
        var browser = _browser!;
        browser.Navigate().GoToUrl(_server.Url + "/#/search?q=John+Smith");
        WaitFor(() => browser.FindElement(By.Id("search-status")).Text.StartsWith("No hit", StringComparison.Ordinal) ? "ok" : null);
        browser.FindElements(By.CssSelector("#hits .hit")).Count.ShouldBe(0);

        browser.FindElement(By.Id("nav-lists")).Click();
        var rows = WaitFor(() => browser.FindElements(By.CssSelector("#lists-table tbody tr")) is { Count: > 0 } r ? r : null);
        rows.Select(r => r.FindElement(By.TagName("td")).Text).ShouldBe(["ofac-sdn", "un"]);
        Screenshot("lists");

        browser.Navigate().GoToUrl(_server.Url + "/#/entity/ofac-sdn:99999999");
        WaitFor(() => browser.FindElement(By.Id("entity-status")).Text.Contains("Could not load", StringComparison.Ordinal) ? "ok" : null);
    }

    private T WaitFor<T>(Func<T?> probe)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            try
            {
                if (probe() is { } found)
                {
                    return found;
                }
            }
            catch (StaleElementReferenceException)
            {
                // The page re-rendered; look again.
            }

            Thread.Sleep(100);
        }

        Screenshot("timeout");
        throw new TimeoutException("the page did not reach the expected state in 30 s");
    }

    private void Screenshot(string name)
    {
        var folder = Path.Combine(RepoRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        ((ITakesScreenshot)_browser!).GetScreenshot().SaveAsFile(Path.Combine(folder, name + ".png"));
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Interdict.slnx")))
            {
                return dir.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }
}
