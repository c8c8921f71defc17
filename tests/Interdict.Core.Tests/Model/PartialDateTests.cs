using Interdict.Core.Model;

namespace Interdict.Core.Tests.Model;

public class PartialDateTests
{
    [Theory]
    [InlineData("1957", 1957, null, null)]
    [InlineData("1957-03", 1957, 3, null)]
    [InlineData("1957-03-11", 1957, 3, 11)]
    public void TryParse_IsoForms_AreRead(string text, int year, int? month, int? day)
    {
        PartialDate.TryParse(text, out var date).ShouldBeTrue();
        date.ShouldBe(new PartialDate(year, month, day));
        date.ToString().ShouldBe(text);
    }

    [Theory]
    [InlineData("1957-13")]
    [InlineData("1957-02-30")]
    [InlineData("57")]
    [InlineData("11/03/1957")]
    [InlineData("yesterday")]
    [InlineData("")]
    public void TryParse_Invalid_IsRefused(string text) => PartialDate.TryParse(text, out _).ShouldBeFalse();

    [Theory]
    [InlineData("11 Mar 1957", "1957-03-11")]
    [InlineData("March 11, 1957", "1957-03-11")]
    [InlineData("Mar 1957", "1957-03")]
    [InlineData("1957/03/11", "1957-03-11")]
    [InlineData(" 1957 ", "1957")]
    public void TryParseFlexible_CommonForms_AreRead(string text, string expected)
    {
        PartialDate.TryParseFlexible(text, out var date).ShouldBeTrue();
        date.ToString().ShouldBe(expected);
    }

    [Theory]
    [InlineData("03/11/1957")]
    [InlineData("31 Feb 1957")]
    [InlineData("unknown")]
    public void TryParseFlexible_AmbiguousOrInvalid_IsRefused(string text) => PartialDate.TryParseFlexible(text, out _).ShouldBeFalse();

    [Fact]
    public void DateOfBirth_Circa_AllowsTwoYearsEitherSide()
    {
        var circa = new DateOfBirth(new PartialDate(1951), new PartialDate(1951), Circa: true, Alternative: false, "circa 1951");
        circa.Overlaps(new PartialDate(1953, 6, 1)).ShouldBeTrue();
        circa.Overlaps(new PartialDate(1949)).ShouldBeTrue();
        circa.Overlaps(new PartialDate(1955)).ShouldBeFalse();
    }

    [Fact]
    public void DateOfBirth_Range_CoversItsYears()
    {
        var range = new DateOfBirth(new PartialDate(1951), new PartialDate(1953), false, false, "1951 to 1953");
        range.Overlaps(new PartialDate(1952, 7, 4)).ShouldBeTrue();
        range.Overlaps(new PartialDate(1954)).ShouldBeFalse();
    }
}
