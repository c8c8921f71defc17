using BenchmarkDotNet.Attributes;
using Interdict.Core.Matching;
using Interdict.Core.Model;
using Interdict.Core.Text;
using Interdict.Lists.Bundled;

namespace Interdict.Benchmarks;

/// <summary>Folding names, bucketed by script.</summary>
[MemoryDiagnoser]
public class NormalizationBenchmarks
{
    [Params("SOLEIMANI, Qasem", "Касем Сулеймани", "قاسم سليماني", "习近平")]
    public string Name { get; set; } = "";

    [Benchmark(Baseline = true)]
    public string Fold() => NameNormalizer.Fold(Name);
}

/// <summary>Scoring one pair of names.</summary>
[MemoryDiagnoser]
public class ScoringBenchmarks
{
    private readonly PreparedName _query = new("Qassem Soleimani");
    private readonly PreparedName _listed = new("SOLEIMANI, Qasem");
    private readonly PreparedName _query110 = new("Qassem Soleimani", MatcherVersion.V110);
    private readonly PreparedName _listed110 = new("SOLEIMANI, Qasem", MatcherVersion.V110);
    private readonly PreparedName _arabic = new("قاسم سلیمانی");

    [Benchmark(Baseline = true)]
    public double JaroWinklerOneToken() => JaroWinkler.Similarity("qassem", "qasem");

    [Benchmark]
    public double ComparePair110() => NameMatcher.Compare(_query110, _listed110, true, explain: false, MatcherVersion.V110).Score;

    [Benchmark]
    public double ComparePair() => NameMatcher.Compare(_query, _listed, true, explain: false).Score;

    [Benchmark]
    public double CompareArabicScriptWithLatin() => NameMatcher.Compare(_arabic, _listed, true, explain: false).Score;
}

/// <summary>Screening one name against the whole bundled corpus, and loading it.</summary>
[MemoryDiagnoser]
public class ScreeningBenchmarks
{
    private ScreeningEngine _engine = null!;
    private WatchList _list = null!;

    [GlobalSetup]
    public void Setup()
    {
        _list = BundledLists.Load("ofac-sdn");
        _engine = new ScreeningEngine([_list]);
    }

    [Benchmark(Baseline = true)]
    public int ScreenListedName() => _engine.Screen(new ScreeningQuery { Name = "Qassem Soleimani" }).Hits.Count;

    [Benchmark]
    public int ScreenUnlistedName() => _engine.Screen(new ScreeningQuery { Name = "Margaret Thornbury" }).Hits.Count;

    [Benchmark]
    public int ParseBundledOfacSdn() => BundledLists.Load("ofac-sdn").Entities.Count;

    [Benchmark]
    public int BuildIndex() => new ScreeningEngine([_list]).NameCount;
}
