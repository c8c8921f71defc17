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

    [Theory]
    [InlineData("IMO9187655 ARK III", "ARK III", "IMO 9187655")] // no space after the label
    public void Parse_LabelFollowedByTheNumber_IsSeparated(string input, string name, string identifier)
    {
        var parsed = QueryParser.Parse(input);
        parsed.Name.ShouldBe(name);
        parsed.Identifiers.ShouldBe([identifier]);
    }

    [Theory]
    [InlineData("Qassem Soleimani")]
    [InlineData("BICENTENARIO XIV")] // OFAC SDN vessel 26625: not BIC "ENTENARIO"
    [InlineData("Timothee Imoberdorf")]
    [InlineData("KUZNETSOV, Dmitry Vadimovich")] // OFAC SDN: was read as "IMO vich", leaving "KUZNETSOV, Dmitry Vad"
    [InlineData("KHAIMOURZINA, Elmira Abdulbarievna")]
    [InlineData("MMSIKO TRADING")]
    public void Parse_PlainName_IsUnchanged(string input)
    {
        var parsed = QueryParser.Parse(input);
        parsed.Name.ShouldBe(input);
        parsed.Identifiers.ShouldBeEmpty();
    }
}
