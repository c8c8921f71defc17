using Interdict.Core.Matching;

namespace Interdict.Core.Tests.Matching;

public class QueryParserTests
{
    [Theory]
    [InlineData("Ark III (IMO 9187655)", "Ark III", "IMO 9187655")]
    [InlineData("ARK III, IMO 9187655", "ARK III", "IMO 9187655")]
    [InlineData("Havin Bank Limited (SWIFT/BIC HAVIGB2L)", "Havin Bank Limited", "SWIFT/BIC HAVIGB2L")]
    public void Parse_IdentifierInName_IsSeparated(string input, string name, string identifier)
    {
        var parsed = QueryParser.Parse(input);
        parsed.Name.ShouldBe(name);
        parsed.Identifiers.ShouldBe([identifier]);
    }

    [Fact]
    public void Parse_PlainName_IsUnchanged()
    {
        var parsed = QueryParser.Parse("Qassem Soleimani");
        parsed.Name.ShouldBe("Qassem Soleimani");
        parsed.Identifiers.ShouldBeEmpty();
    }
}
