using System.Text;
using Interdict.Lists.Store;
using Interdict.TestKit;

namespace Interdict.Storage.Tests;

/// <summary><c>lists update</c> against a server on 127.0.0.1 serving real and broken files.</summary>
public sealed class ListUpdaterTests : StoreTestBase
{
    private readonly LoopbackServer _server = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private ListUpdater Updater => new(Library, _http, TimeProvider.System);

    private UpdateOptions Options => new() { BaseUrl = _server.BaseUrl };

    [Fact]
    public async Task Update_RealFile_StoresANewVersionAndPutsItInForce_ThenReportsUnchanged()
    {
        _server.Files["consolidated.xml"] = new Reply(Un20260227[0].Bytes);
        var outcome = await Updater.UpdateAsync("un", Options, cancellationToken: TestContext.Current.CancellationToken);
        outcome.Succeeded.ShouldBeTrue(outcome.Message);
        outcome.Version!.PublicationDate.ShouldBe(new DateOnly(2026, 2, 27));
        outcome.Version.Origin.ShouldBe(_server.BaseUrl + "consolidated.xml");
        Library.InForce("un").Stored!.Id.ShouldBe(outcome.Version.Id);

        var again = await Updater.UpdateAsync("un", Options, cancellationToken: TestContext.Current.CancellationToken);
        again.Succeeded.ShouldBeTrue();
        again.Message.ShouldContain("unchanged");
        Store.Versions("un").Count.ShouldBe(1);
    }

    [Fact]
    public async Task Update_ToAnOlderPublication_StoresIt_ButKeepsTheNewerVersionInForce_AndSaysSo()
    {
        // Issue #19: a mirror serving last year's file must not replace a newer list quietly.
        _server.Files["consolidated.xml"] = new Reply(Un20251120[0].Bytes);
        var outcome = await Updater.UpdateAsync("un", Options, cancellationToken: TestContext.Current.CancellationToken);
        outcome.Succeeded.ShouldBeTrue(outcome.Message);
        outcome.Version!.Current.ShouldBeFalse();
        outcome.Message.ShouldContain("did not put it in force");
        Library.InForce("un").PublicationDate.ShouldBe(new DateOnly(2026, 2, 27));
    }

    [Fact]
    public async Task Update_OfacCsvSet_DownloadsEveryFile_AndAMissingOptionalCommentsFileIsFine()
    {
        _server.Files["SDN.CSV"] = new Reply(Fixtures.Bytes("ofac-sdn/2024-05-03/sdn.csv"));
        _server.Files["ALT.CSV"] = new Reply(Fixtures.Bytes("ofac-sdn/2024-05-03/alt.csv"));
        _server.Files["ADD.CSV"] = new Reply(Fixtures.Bytes("ofac-sdn/2024-05-03/add.csv"));
        var outcome = await Updater.UpdateAsync("ofac-sdn", Options with { Force = true }, cancellationToken: TestContext.Current.CancellationToken);
        outcome.Succeeded.ShouldBeTrue(outcome.Message);
        Store.Files(outcome.Version!.Id).Select(f => f.Name).ShouldBe(["sdn.csv", "alt.csv", "add.csv"]);
        Library.Load(Library.InForce("ofac-sdn")).Entities.ShouldContain(e => e.Id == "ofac-sdn:10481");
    }

    public static TheoryData<string, Reply, string> BrokenDownloads => new()
    {
        { "server error", new Reply(Encoding.UTF8.GetBytes("unavailable"), Status: 503), "HTTP 503" },
        { "empty file", new Reply([]), "empty" },
        { "cut-off transfer", new Reply(Un20251120[0].Bytes[..100_000], DeclaredLength: Un20251120[0].Bytes.Length), "broke off" },
        { "truncated file", new Reply(Un20251120[0].Bytes[..(Un20251120[0].Bytes.Length / 2)]), "invalid" },
        { "corrupt bytes", new Reply(Corrupt(Un20251120[0].Bytes)), "invalid" },
        { "wrong format", new Reply(Fixtures.Bytes("uk-ofsi/2018-04-13/sanctionsconlist.csv")), "invalid" },
        { "HTML error page", new Reply(Encoding.UTF8.GetBytes("<html><body>Maintenance</body></html>")), "not a UN consolidated list file" },
    };

    [Theory]
    [MemberData(nameof(BrokenDownloads))]
    public async Task Update_BrokenDownload_FailsSayingWhy_AndTheVersionInForceStays(string what, Reply reply, string expected)
    {
        var before = Library.Import("un", Un20260227, "known good", null, makeCurrent: true).Result.Version;
        _server.Files["consolidated.xml"] = reply;

        var outcome = await Updater.UpdateAsync("un", Options, cancellationToken: TestContext.Current.CancellationToken);

        outcome.Succeeded.ShouldBeFalse(what);
        outcome.Message.ShouldContain(expected, Case.Insensitive, what);
        outcome.Message.ShouldContain($"The version in force is unchanged (v{before.Id}");
        Reopen();
        Store.Versions("un").Select(v => v.Id).ShouldBe([before.Id]);
        Store.Current("un")!.Id.ShouldBe(before.Id);
        ((Interdict.Storage.Sqlite.SqliteListStore)Store).IntegrityCheck().ShouldBe("ok");
    }

    [Fact]
    public async Task Update_SourceWithoutADownloadAddress_SaysSo_AndKeepsTheVersionInForce()
    {
        // The FCDO's summary export is made on request: updating every source must not crash on it (it did).
        var outcome = await Updater.UpdateAsync("uk-fcdo", Options, cancellationToken: TestContext.Current.CancellationToken);
        outcome.Succeeded.ShouldBeTrue();
        outcome.Message.ShouldContain("not updated");
        outcome.Message.ShouldContain("lists import FILE --source uk-fcdo");
        Library.InForce("uk-fcdo").Label.ShouldBe("bundled");
    }

    [Fact]
    public async Task Update_NetworkError_FailsAndKeepsTheVersionInForce()
    {
        var before = Library.Import("un", Un20260227, "known good", null, makeCurrent: true).Result.Version;
        var closed = new UpdateOptions { BaseUrl = new Uri("http://127.0.0.1:1/") };
        var outcome = await Updater.UpdateAsync("un", closed, cancellationToken: TestContext.Current.CancellationToken);
        outcome.Succeeded.ShouldBeFalse();
        outcome.Message.ShouldContain("network error");
        Store.Current("un")!.Id.ShouldBe(before.Id);
    }

    [Fact]
    public async Task Update_LargeDrop_IsRefusedUnlessForced()
    {
        Library.Import("un", Un20260227, "known good", null, makeCurrent: true);
        _server.Files["consolidated.xml"] = new Reply(Fixtures.Bytes("un/2026-02-27/consolidated.xml")); // 10 of 1,003 entries

        var refused = await Updater.UpdateAsync("un", Options, cancellationToken: TestContext.Current.CancellationToken);
        refused.Succeeded.ShouldBeFalse();
        refused.Message.ShouldContain("a drop of more than 10");
        refused.Message.ShouldContain("--force");
        Store.Versions("un").Count.ShouldBe(1);

        var forced = await Updater.UpdateAsync("un", Options with { Force = true }, cancellationToken: TestContext.Current.CancellationToken);
        forced.Succeeded.ShouldBeTrue(forced.Message);
        Library.InForce("un").Stored!.Entities.ShouldBe(10);
    }

    [Fact]
    public async Task Update_FirstTime_ComparesAgainstTheBundledSnapshot()
    {
        _server.Files["consolidated.xml"] = new Reply(Fixtures.Bytes("un/2026-02-27/consolidated.xml"));
        var outcome = await Updater.UpdateAsync("un", Options, cancellationToken: TestContext.Current.CancellationToken);
        outcome.Succeeded.ShouldBeFalse();
        outcome.Message.ShouldContain("1,003 of the version in force (bundled)");
        Store.Versions("un").ShouldBeEmpty();
    }

    private static byte[] Corrupt(byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        for (var i = 1000; i < 1200; i++)
        {
            copy[i] = (byte)'<';
        }

        return copy;
    }

    protected override void Cleanup()
    {
        _server.Dispose();
        _http.Dispose();
    }
}
