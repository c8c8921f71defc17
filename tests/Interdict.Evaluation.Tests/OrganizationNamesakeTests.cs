using System.Globalization;
using CsvHelper;
using Interdict.Core.Matching;
using Interdict.Core.Model;
using Interdict.Lists.Bundled;

namespace Interdict.Evaluation.Tests;

/// <summary>
/// The OFAC SDN list's own organisation names screened against it (eval/data/sdn-organizations.queries.csv; the figures
/// are in docs/evaluation.md, "Organisation namesakes"): each finds its own record, and few find another. Matcher 1.2.0
/// raised 2,526 hits on other records, mostly companies sharing only a long legal form; 1.3.0 raises 906.
/// </summary>
public class OrganizationNamesakeTests
{
    [Fact]
    public void SdnCompanies_FindThemselves_AndFewOthers()
    {
        var engine = new ScreeningEngine([BundledLists.Load("ofac-sdn")]);
        using var csv = new CsvReader(new StreamReader(Path.Combine(AppContext.BaseDirectory, "devsets", "sdn-organizations.queries.csv")), CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var names = new List<(string Id, string Name)>();
        while (csv.Read())
        {
            names.Add(($"ofac-sdn:{csv.GetField("id")}", csv.GetField("name")!));
        }

        var results = names.AsParallel().Select(n => (n.Id, Hits: engine.Screen(new ScreeningQuery { Name = n.Name, Kind = EntityKind.Organization }, new ScreeningOptions { Limit = 100 }).Hits)).ToList();
        names.Count.ShouldBeGreaterThan(6_000);
        results.Count(r => r.Hits.Any(h => h.EntityId == r.Id)).ShouldBeGreaterThanOrEqualTo(names.Count - 1);
        results.Sum(r => r.Hits.Count(h => h.EntityId != r.Id)).ShouldBeLessThanOrEqualTo(1_000);
    }
}
