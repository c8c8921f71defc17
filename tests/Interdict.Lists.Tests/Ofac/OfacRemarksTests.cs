using Interdict.Lists.Ofac;

namespace Interdict.Lists.Tests.Ofac;

public class OfacRemarksTests
{
    [Fact]
    public void SplitParts_SemicolonInsideAQuotedAlias_DoesNotSplit()
    {
        var parts = OfacRemarks.SplitParts("DOB 1960; a.k.a. 'ALPHA; BETA'; Gender Male.").ToList();
        parts.ShouldBe(["DOB 1960", " a.k.a. 'ALPHA; BETA'", " Gender Male"]);
    }

    [Fact]
    public void SplitParts_ApostropheInsideAName_IsNotAQuote()
    {
        var parts = OfacRemarks.SplitParts("a.k.a. 'KATA'IB HIZBALLAH FI AL-IRAQ'; a.k.a. 'ISLAMIC RESISTANCE IN IRAQ'.").ToList();
        parts.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("13 Feb 1961", 1961, 2, 13)]
    [InlineData("Feb 1961", 1961, 2, null)]
    [InlineData("1961", 1961, null, null)]
    public void TryParseOfacDate_Forms(string text, int y, int? m, int? d)
    {
        OfacRemarks.TryParseOfacDate(text, out var date).ShouldBeTrue();
        date.Year.ShouldBe(y);
        date.Month.ShouldBe(m);
        date.Day.ShouldBe(d);
    }

    [Theory]
    [InlineData("30 Feb 1961")]
    [InlineData("Foo 1961")]
    [InlineData("unknown")]
    public void TryParseOfacDate_Invalid_IsRefused(string text) => OfacRemarks.TryParseOfacDate(text, out _).ShouldBeFalse();

    [Fact]
    public void Parse_UnparseableDob_IsKeptAsOtherFact()
    {
        var facts = OfacRemarks.Parse("DOB sometime in the 1960s.");
        facts.DatesOfBirth.ShouldBeEmpty();
        facts.Other.ShouldBe(["DOB sometime in the 1960s"]);
    }
}
