using Interdict.Core.Text;

namespace Interdict.Core.Tests.Text;

public class CountriesTests
{
    [Theory]
    [InlineData("IR", "IR")]
    [InlineData("irn", "IR")]
    [InlineData("Iran", "IR")]
    [InlineData("Iran (Islamic Republic of)", "IR")]
    [InlineData("Iran, Islamic Republic of", "IR")]
    [InlineData("Iranian", "IR")]
    [InlineData("Tunisian", "TN")]
    [InlineData("Korea, North", "KP")]
    [InlineData("Democratic People's Republic of Korea", "KP")]
    [InlineData("Burma", "MM")]
    [InlineData("Region: Crimea", null)]
    [InlineData("possibly Palestinian", "PS")]
    [InlineData("Россия", null)]
    [InlineData("Atlantis", null)]
    public void TryResolve_MessyInput_FindsTheCountry(string input, string? alpha2)
    {
        var found = Countries.TryResolve(input, out var country);
        found.ShouldBe(alpha2 is not null);
        if (alpha2 is not null)
        {
            country.Alpha2.ShouldBe(alpha2);
        }
    }
}
