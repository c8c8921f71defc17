using System.Text;
using System.Text.Json;
using Interdict.Payments;

namespace Interdict.Cli.Tests;

/// <summary>Issue #24: payment messages screened field by field; held with the field path and the entity, or passed.</summary>
public sealed class PaymentCommandTests
{
    private static List<JsonElement> Screen(params string[] fixtures)
    {
        var run = CliRun.Of(["screen-payment", .. fixtures.Select(f => Fixtures.PathOf("payments/" + f)), "--format", "json", "--lists", "ofac-sdn,un"]);
        return [.. run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
    }

    [Fact]
    public void Pacs008_CreditorSoleimani_IsHeldWithTheFieldPathAndEntity()
    {
        var r = Screen("pacs008-soleimani.xml").ShouldHaveSingleItem();
        r.GetProperty("format").GetString().ShouldBe("pacs.008.001.07");
        r.GetProperty("message_id").GetString().ShouldBe("823823423");
        r.GetProperty("decision").GetString().ShouldBe("hold");
        var hit = r.GetProperty("hits").EnumerateArray().First(h => h.GetProperty("entity_id").GetString() == "ofac-sdn:10481");
        hit.GetProperty("field").GetString().ShouldBe("CdtTrfTxInf/Cdtr/Nm");
        hit.GetProperty("kind").GetString().ShouldBe("name");
        hit.GetProperty("value").GetString().ShouldBe("Qassem Soleimani");
    }

    [Fact]
    public void Mt103_BeneficiaryKataibHezbollah_IsHeldWithField59()
    {
        var r = Screen("mt103-kataib.txt").ShouldHaveSingleItem();
        r.GetProperty("format").GetString().ShouldBe("MT103");
        r.GetProperty("decision").GetString().ShouldBe("hold");
        var hit = r.GetProperty("hits").EnumerateArray().Single(h => h.GetProperty("entity_id").GetString() == "ofac-sdn:11462");
        hit.GetProperty("field").GetString().ShouldBe(":59: line 2");
    }

    [Fact]
    public void CreditorAgentInBandarAbbas_IsAJurisdictionHold_AndCleanMessagesPass()
    {
        var results = Screen("pacs008-bandar-abbas.xml", "pacs008-clean.xml", "mt103-clean.txt");
        var held = results[0];
        held.GetProperty("decision").GetString().ShouldBe("hold");
        var hit = held.GetProperty("hits").EnumerateArray().Single(h => h.GetProperty("kind").GetString() == "jurisdiction");
        hit.GetProperty("field").GetString().ShouldBe("CdtTrfTxInf/CdtrAgt/FinInstnId/PstlAdr/TwnNm");
        hit.GetProperty("explanation").GetString()!.ShouldContain("bandar abbas");
        results.Skip(1).ShouldAllBe(r => r.GetProperty("decision").GetString() == "pass");
    }

    [Fact]
    public void RealSamples_EveryIso20022AndMtSampleIsRead()
    {
        // The sample messages of ../shared (pacs.008 v07/v08, pacs.009 COV, pain.001 incl. the Swiss variant, MT103,
        // .rje files with ACKs, MT202 COV): every one is read, none refused.
        var folder = SharedData.PathOf("../payments");
        var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Where(f => f.EndsWith(".xml", StringComparison.Ordinal) || f.EndsWith(".txt", StringComparison.Ordinal) || f.EndsWith(".rje", StringComparison.Ordinal)).ToArray();
        files.Length.ShouldBeGreaterThan(15);
        var run = CliRun.Of(["screen-payment", .. files, "--format", "json", "--lists", "ofac-sdn"]);
        run.Error.ShouldNotContain("error:");
        var results = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        results.Select(r => r.GetProperty("format").GetString()).ShouldContain("pain.001.001.03.ch.02");
        results.Select(r => r.GetProperty("format").GetString()).ShouldContain("pacs.009.001.08");
        results.Select(r => r.GetProperty("format").GetString()).ShouldContain("MT202 COV");
        results.Count.ShouldBeGreaterThanOrEqualTo(files.Length);
    }

    [Fact]
    public void Jurisdictions_AreConfigurable()
    {
        var run = CliRun.Of("screen-payment", Fixtures.PathOf("payments/pacs008-bandar-abbas.xml"), "--format", "json", "--lists", "ofac-sdn", "--jurisdictions", "KP,Sevastopol");
        JsonDocument.Parse(run.Output).RootElement.GetProperty("decision").GetString().ShouldBe("pass");
        var los = CliRun.Of("screen-payment", Fixtures.PathOf("payments/pacs008-clean.xml"), "--format", "json", "--lists", "ofac-sdn", "--jurisdictions", "Los Angeles");
        JsonDocument.Parse(los.Output).RootElement.GetProperty("hits")[0].GetProperty("field").GetString().ShouldBe("GrpHdr/InstdAgt/FinInstnId/PstlAdr/TwnNm");
    }

    [Theory]
    [InlineData("pacs008-doctype.xml", "a DOCTYPE (DTD or external entity) is refused")]
    [InlineData("pacs008-truncated.xml", "not well-formed XML")]
    public void BadMessage_IsAnErrorNamingTheMessage_AndTheOthersAreStillScreened(string fixture, string error)
    {
        var run = CliRun.Of("screen-payment", Fixtures.PathOf("payments/" + fixture), Fixtures.PathOf("payments/mt103-kataib.txt"), "--format", "json", "--lists", "ofac-sdn");
        run.ExitCode.ShouldBe(3);
        run.Error.ShouldContain(fixture);
        run.Error.ShouldContain(error);
        run.Output.ShouldContain("\"decision\":\"hold\"");
    }

    [Theory]
    [InlineData("{1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}{4:\n:20:REF\n:99X:what\n-}", "field :99X: is not a field of MT103")]
    [InlineData("{1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}{4:\n:20:REF\n:59:/123\nNAME\n", "not closed")]
    [InlineData("{1:F01BANKBEBBAXXX0000000000}{2:I940BANKDEFFXXXXN}{4:\n:20:REF\n-}", "MT940 is not a message")]
    [InlineData("hello", "not a SWIFT MT message")]
    public void Mt_BrokenMessage_IsRefusedNamingTheProblem(string text, string error) =>
        Should.Throw<PaymentFormatException>(() => MtReader.Read(text, "m.txt")).Message.ShouldContain(error);

    [Theory]
    [InlineData("pacs008-soleimani.xml", "pacs.008.001.07", "823823423")]
    [InlineData("mt103-kataib.txt", "MT103", null)]
    public void PaymentText_AByteOrderMarkAndLeadingSpace_AreSkipped_AndBadBytesRefused(string fixture, string format, string? messageId)
    {
        var bytes = File.ReadAllBytes(Fixtures.PathOf("payments/" + fixture));
        var message = PaymentText.Read([.. "\uFEFF"u8, .. " \r\n\t"u8, .. bytes], fixture);
        message.Format.ShouldBe(format);
        message.MessageId.ShouldBe(messageId ?? PaymentText.Read(bytes, fixture).MessageId);
        message.Parties.Count.ShouldBe(PaymentText.Read(bytes, fixture).Parties.Count);
        Should.Throw<PaymentFormatException>(() => PaymentText.Read([.. bytes[..40], 0xC3, 0x28, .. bytes[40..]], fixture)).Message.ShouldContain("not UTF-8");
        Should.Throw<PaymentFormatException>(() => PaymentText.Read([.. "\uFEFF"u8, .. " \n"u8], fixture)).Message.ShouldContain("empty");
    }

    [Fact]
    public void Iso20022Reader_ReadsEveryPartyAgentAddressAndText_WithItsPath()
    {
        // A wrapped pacs.008 (AppHdr and Document under one root; the header's BICs are not parties), with a remittance
        // line and a purpose added to the creditor-agent-in-Bandar-Abbas fixture.
        var xml = File.ReadAllText(Fixtures.PathOf("payments/pacs008-bandar-abbas.xml")).Replace(
            "</CdtTrfTxInf>", "<Purp><Cd>GDDS</Cd></Purp><RmtInf><Ustrd>INV 2024-117 STEEL PIPES</Ustrd><Ustrd> </Ustrd></RmtInf></CdtTrfTxInf>", StringComparison.Ordinal);
        var message = Iso20022Reader.Read(Encoding.UTF8.GetBytes(xml), "m.xml");
        (message.MessageId, message.Format).ShouldBe(("823823423", "pacs.008.001.07"));
        message.Parties.Select(p => $"{p.Role}|{p.Path}|{p.Name}|{p.NamePath}|{p.Bic}|{p.Country}|{string.Join(";", p.AddressLines.Select(l => l.Path + "=" + l.Value))}").ShouldBe([
            "instructing agent|GrpHdr/InstgAgt|Lionel Messi|GrpHdr/InstgAgt/FinInstnId/Nm|CITTGB2LPBG||",
            "instructed agent|GrpHdr/InstdAgt|Manu Ginobili|GrpHdr/InstdAgt/FinInstnId/Nm|ICBCUS4CXXX||GrpHdr/InstdAgt/FinInstnId/PstlAdr/StrtNm=My Street;GrpHdr/InstdAgt/FinInstnId/PstlAdr/TwnNm=Los Angeles;GrpHdr/InstdAgt/FinInstnId/PstlAdr/CtrySubDvsn=ABCD",
            "debtor|CdtTrfTxInf/Dbtr|Jhon Doe|CdtTrfTxInf/Dbtr/Nm||AR|CdtTrfTxInf/Dbtr/PstlAdr/StrtNm=Foo Street;CdtTrfTxInf/Dbtr/PstlAdr/TwnNm=Buenos Aires;CdtTrfTxInf/Dbtr/PstlAdr/CtrySubDvsn=CABA",
            "debtor agent|CdtTrfTxInf/DbtrAgt|Foo Corp|CdtTrfTxInf/DbtrAgt/FinInstnId/Nm|ITUSUSP1XXX||",
            "creditor agent|CdtTrfTxInf/CdtrAgt|Persian Gulf Shipping Bank|CdtTrfTxInf/CdtrAgt/FinInstnId/Nm|USTBUS31XXX||CdtTrfTxInf/CdtrAgt/FinInstnId/PstlAdr/TwnNm=Bandar Abbas",
            "creditor|CdtTrfTxInf/Cdtr|Mike Smith|CdtTrfTxInf/Cdtr/Nm|||",
        ]);
        message.Texts.ShouldBe([("CdtTrfTxInf/Purp/Cd", "GDDS"), ("CdtTrfTxInf/RmtInf/Ustrd", "INV 2024-117 STEEL PIPES")]);
    }

    [Fact]
    public void Readers_MutatedMessages_ReadOrRaiseTheFormatError()
    {
        // Fuzzing, deterministic: truncations at every length and random byte changes of each sample message.
        var random = new Random(2412);
        const string Interesting = "<>/{}:-\n$A0 &;\"'";
        foreach (var fixture in new[] { "pacs008-soleimani.xml", "pacs008-bandar-abbas.xml", "mt103-kataib.txt" })
        {
            var bytes = File.ReadAllBytes(Fixtures.PathOf("payments/" + fixture));
            var inputs = Enumerable.Range(0, bytes.Length).Select(n => bytes[..n]).ToList();
            for (var i = 0; i < 300; i++)
            {
                var mutated = (byte[])bytes.Clone();
                for (var k = 0; k < 1 + random.Next(4); k++)
                {
                    mutated[random.Next(mutated.Length)] = (byte)Interesting[random.Next(Interesting.Length)];
                }

                inputs.Add(mutated);
            }

            foreach (var input in inputs)
            {
                try
                {
                    _ = fixture.EndsWith(".xml", StringComparison.Ordinal) ? Iso20022Reader.Read(input, fixture) : MtReader.Read(Encoding.UTF8.GetString(input), fixture);
                }
                catch (PaymentFormatException)
                {
                }
            }
        }
    }
}
