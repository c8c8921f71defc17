using Interdict.Core.Matching;
using Interdict.Core.Model;

namespace Interdict.Core.Tests.Matching;

/// <summary>The one query policy every door uses: understand what can be understood, warn about the rest, refuse only a missing or unusable name.</summary>
public sealed class QueryPolicyTests
{
    [Fact]
    public void Build_MessyFacts_AreReadOrIgnoredWithWarnings()
    {
        var built = QueryPolicy.Build(new QueryInput("  Qassem Soleimani ", "individual", "11 Mar 1957", " Iranian ", " A1234567 "));
        built.Error.ShouldBeNull();
        built.Warnings.ShouldBeEmpty();
        built.Query!.Name.ShouldBe("Qassem Soleimani");
        built.Query.Kind.ShouldBe(EntityKind.Person);
        built.Query.DateOfBirth.ShouldBe(new PartialDate(1957, 3, 11));
        built.Query.Country.ShouldBe("Iranian");
        built.Query.Identifier.ShouldBe("A1234567");

        var messy = QueryPolicy.Build(new QueryInput("Qassem Soleimani", "persn", "31/31/1957"));
        messy.Query!.Kind.ShouldBe(EntityKind.Unknown);
        messy.Query.DateOfBirth.ShouldBeNull();
        messy.Warnings.ShouldBe([
            "type 'persn' is not one of person, organization, vessel, aircraft and was ignored",
            "date of birth '31/31/1957' is not a date (YYYY, YYYY-MM, YYYY-MM-DD or '11 Mar 1957') and was ignored",
        ]);
    }

    [Theory]
    [InlineData(null, "name is required")]
    [InlineData(" \t", "name is required")]
    public void Build_NoName_IsTheOnlyRowError(string? name, string error)
    {
        var built = QueryPolicy.Build(new QueryInput(name, "person", "1957"));
        built.Query.ShouldBeNull();
        built.Error!.ShouldContain(error);
    }

    [Fact]
    public void Build_NameBeyondTheLimits_IsRefusedNamingTheFieldAndSetting()
    {
        var limits = new QueryLimits { MaxNameLength = 20, MaxNameWords = 3 };
        QueryPolicy.Build(new QueryInput(new string('a', 21)), limits, "parties[0].name").Error.ShouldBe("parties[0].name is 21 characters long; at most 20 (setting Limits:MaxNameLength)");
        QueryPolicy.Build(new QueryInput("a b c d"), limits, "NAME").Error!.ShouldStartWith("NAME has 4 words; at most 3 (setting Limits:MaxNameWords)");
    }

    [Theory]
    [InlineData("0.9", null)]
    [InlineData("1.5", "--threshold '1.5' is outside 0 to 1")]
    [InlineData("high", "--threshold 'high' is not a number from 0 to 1")]
    [InlineData("NaN", "--threshold 'NaN' is not a number from 0 to 1")]
    public void ParseThreshold_OutsideZeroToOne_IsAnError(string text, string? error) =>
        QueryPolicy.ParseThreshold(text, "--threshold", out _).ShouldBe(error);

    [Theory]
    [InlineData("5", null)]
    [InlineData("0", "limit '0' is outside 1 to 100 (setting Limits:MaxHits)")]
    [InlineData("101", "limit '101' is outside 1 to 100 (setting Limits:MaxHits)")]
    [InlineData("-1", "limit '-1' is not a whole number from 1 to 100")]
    public void ParseLimit_OutsideTheLimits_IsAnError(string text, string? error) =>
        QueryPolicy.ParseLimit(text, "limit", new QueryLimits { MaxHits = 100 }, out _).ShouldBe(error);

    [Fact]
    public void SelectLists_UnknownList_IsAnErrorNamingTheLoadedOnes()
    {
        QueryPolicy.SelectLists(["un", "eu-fsf"], ["ofac-sdn", "un"], "lists", out _).ShouldBe("lists: list 'eu-fsf' is not loaded; loaded: ofac-sdn, un");
        QueryPolicy.SelectLists(null, ["ofac-sdn"], "lists", out var all).ShouldBeNull();
        all.ShouldBeNull();
        QueryPolicy.SelectLists(["un"], ["ofac-sdn", "un"], "lists", out var one).ShouldBeNull();
        one.ShouldBe(new HashSet<string> { "un" });
    }
}
