using Interdict.Core.Store;
using Interdict.Lists.Store;
using Interdict.TestKit;

namespace Interdict.Storage.Tests;

public class DiffAndHistoryTests : StoreTestBase
{
    [Fact]
    public void Diff_UnNovemberToFebruary_AddsSDi007To010_AndRemovesIQi074()
    {
        var a = Library.Import("un", Un20251120, "a", null, makeCurrent: true, evenIfOlder: true).Result.Version;
        var b = Library.Import("un", Un20260227, "b", null, makeCurrent: true).Result.Version;
        var diff = ListDiff.Compute(Library.Load(Library.Find("un", $"v{a.Id}")), Library.Load(Library.Find("un", $"v{b.Id}")));
        diff.Added.Select(e => e.EntityId).Order(StringComparer.Ordinal).ShouldBe(["un:SDi.007", "un:SDi.008", "un:SDi.009", "un:SDi.010"]);
        diff.Removed.Select(e => e.EntityId).ShouldBe(["un:IQi.074"]);
        diff.Changed.ShouldAllBe(c => c.Changes.Count > 0);
    }

    [Fact]
    public void Diff_FieldLevelChanges_NameTheFieldAndBothValues()
    {
        var before = Fixtures.Read("un", "un/2026-02-27/consolidated.xml");
        var edited = System.Text.Encoding.UTF8.GetString(Fixtures.Bytes("un/2026-02-27/consolidated.xml"))
            .Replace("<VALUE>Commander of Qods force</VALUE>", "<VALUE>Former commander of Qods force</VALUE>", StringComparison.Ordinal);
        var after = Lists.ListSources.Read("un", [new("consolidated.xml", System.Text.Encoding.UTF8.GetBytes(edited))]);
        var diff = ListDiff.Compute(before, after);
        diff.Added.ShouldBeEmpty();
        diff.Removed.ShouldBeEmpty();
        var change = diff.Changed.ShouldHaveSingleItem();
        change.EntityId.ShouldBe("un:IRi.039");
        var field = change.Changes.ShouldHaveSingleItem();
        field.Field.ShouldBe("title");
        field.Before.ShouldBe("\"Brigadier General; Commander of Qods force\"");
        field.After.ShouldBe("\"Brigadier General; Former commander of Qods force\"");
    }

    [Fact]
    public void Diff_RealSdnFiles_20240220To20240223_Adds553_And20240502To20240503_Removes8()
    {
        var sdn = (string date) => new Core.Model.ListFileContent[] { new("sdn.csv", File.ReadAllBytes(SharedData.PathOf($"ofac-sdn/{date}/sdn.csv"))) };
        foreach (var date in new[] { "2024-02-20", "2024-02-23", "2024-05-02", "2024-05-03" })
        {
            Library.Import("ofac-sdn", sdn(date), date, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), makeCurrent: true);
        }

        var feb = ListDiff.Compute(Library.Load(Library.Find("ofac-sdn", "2024-02-20")), Library.Load(Library.Find("ofac-sdn", "2024-02-23")));
        (feb.Added.Count, feb.Removed.Count).ShouldBe((553, 0));
        var may = ListDiff.Compute(Library.Load(Library.Find("ofac-sdn", "2024-05-02")), Library.Load(Library.Find("ofac-sdn", "2024-05-03")));
        (may.Added.Count, may.Removed.Count).ShouldBe((0, 8));
        may.Removed.ShouldContain(e => e.EntityId == "ofac-sdn:38556" && e.Name == "EMPEROR AVIATION LTD");

        // History from the store's entity facts agrees with the diffs, and counts programmes per version.
        var history = ListHistory.Compute(Store, "ofac-sdn", ["IRGC"]);
        history.Where(r => r.Program == "(all)").Select(r => r.Added).ShouldBe([null, 553, 587, 0]);
        history.Where(r => r.Program == "(all)").Select(r => r.Removed).ShouldBe([null, 0, 98, 8]);
        history.Where(r => r.Program == "IRGC").Select(r => r.Entities).ShouldBe([265, 265, 293, 293]);
    }

    [Fact]
    public void Diff_RealUkFiles_ReproducesTheProvenanceCounts_AcrossLayoutsAndFormats()
    {
        // Issue #22: OFSI's CSV of 2018 and workbooks of 2023 and 2025; the FCDO's exports of August and November 2025.
        var file = (string path) => new Core.Model.ListFileContent[] { new(Path.GetFileName(path), File.ReadAllBytes(SharedData.PathOf(path))) };
        Library.Import("uk-ofsi", file("uk-ofsi-conlist/2018-04-13/sanctionsconlist.csv"), "2018", null, makeCurrent: true);
        Library.Import("uk-ofsi", file("uk-ofsi-conlist/2023-06-05_resaved/ConList.xlsx"), "2023", null, makeCurrent: true);
        Library.Import("uk-ofsi", file("uk-ofsi-conlist/2025-04-14/ConList.xlsx"), "2025", null, makeCurrent: true);
        var uk = ListDiff.Compute(Library.Load(Library.Find("uk-ofsi", "2023-06-05")), Library.Load(Library.Find("uk-ofsi", "2025-04-14")));
        (uk.Added.Count, uk.Removed.Count).ShouldBe((826, 131)); // shared/data/lists/PROVENANCE.md: +826, -131 Group IDs
        ListHistory.Compute(Store, "uk-ofsi", []).Where(r => r.Program == "(all)").Select(r => r.Entities).ShouldBe([2106, 3993, 4688]);

        var ods = (string date) => new Core.Model.ListFileContent[] { new("FCDO_SL_summary.ods", File.ReadAllBytes(SharedData.PathOf($"uk-fcdo-sanctions-list-summary/{date}/FCDO_SL_summary.ods"))) };
        Library.Import("uk-fcdo", ods("2025-08-11"), "aug", new DateOnly(2025, 8, 11), makeCurrent: true);
        Library.Import("uk-fcdo", ods("2025-11-19"), "nov", new DateOnly(2025, 11, 19), makeCurrent: true);
        var fcdo = ListDiff.Compute(Library.Load(Library.Find("uk-fcdo", "2025-08-11")), Library.Load(Library.Find("uk-fcdo", "2025-11-19")));
        // The provenance's +373 / -7 unique ids, with the two designations published without a name in each file (not
        // entities) counted as added (BEL0174, RUS1467: unnamed in August) and removed (AFG0043, CTI0060: in November).
        (fcdo.Added.Count, fcdo.Removed.Count).ShouldBe((375, 9));
        fcdo.Added.ShouldContain(e => e.EntityId == "uk-fcdo:BEL0174");
        fcdo.Removed.ShouldContain(e => e.EntityId == "uk-fcdo:AFG0043");
    }

    [Fact]
    public void History_CountsEntitiesPerProgrammeAndAddedRemovedBetweenVersions()
    {
        Library.Import("un", Un20251120, "a", null, makeCurrent: true, evenIfOlder: true);
        Library.Import("un", Un20260227, "b", null, makeCurrent: true);
        var rows = ListHistory.Compute(Store, "un", ["Sudan", "Iraq"]);
        var all = rows.Where(r => r.Program == "(all)").ToList();
        all.Select(r => r.Entities).ShouldBe([1000, 1003]);
        (all[1].Added, all[1].Removed).ShouldBe((4, 1));
        var sudan = rows.Where(r => r.Program == "Sudan").ToList();
        (sudan[1].Entities - sudan[0].Entities).ShouldBe(4);
        sudan[1].Added.ShouldBe(4);
        rows.Where(r => r.Program == "Iraq").Last().Removed.ShouldBe(1);
    }
}
