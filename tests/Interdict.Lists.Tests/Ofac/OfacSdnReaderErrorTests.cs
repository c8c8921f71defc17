using System.Text;
using Interdict.Core;
using Interdict.TestKit;

namespace Interdict.Lists.Tests.Ofac;

public class OfacSdnReaderErrorTests
{
    private static byte[] Sdn() => File.ReadAllBytes(Fixtures.PathOf("ofac-sdn/2024-05-03/sdn.csv"));

    [Fact]
    public void Read_TruncatedMidRecord_NamesFileAndLine()
    {
        var bytes = Sdn();
        var lines = Encoding.Latin1.GetString(bytes).Split("\r\n");
        // Cut the file in the middle of line 5's remarks field.
        var cut = string.Join("\r\n", lines.Take(4)) + "\r\n" + lines[4][..60];
        var ex = Should.Throw<ListFormatException>(() => Fixtures.OfacSdnFrom(Encoding.Latin1.GetBytes(cut)));
        ex.File.ShouldBe("sdn.csv");
        ex.Line.ShouldBe(5);
        ex.ListId.ShouldBe("ofac-sdn");
        ex.Message.ShouldContain("sdn.csv, line 5");
    }

    [Fact]
    public void Read_RowWithMissingColumns_NamesTheLine()
    {
        var text = Encoding.Latin1.GetString(Sdn()).Split("\r\n");
        text[2] = "999,\"SHORT ROW\",\"individual\"";
        var ex = Should.Throw<ListFormatException>(() => Fixtures.OfacSdnFrom(Encoding.Latin1.GetBytes(string.Join("\r\n", text))));
        ex.Line.ShouldBe(3);
        ex.Message.ShouldContain("expected 12 fields but found 3");
    }

    [Fact]
    public void Read_WrongFormat_SaysItIsNotAnOfacFile()
    {
        var xml = Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?>\n<CONSOLIDATED_LIST dateGenerated=\"2026-02-27\">\n</CONSOLIDATED_LIST>\n");
        var ex = Should.Throw<ListFormatException>(() => Fixtures.OfacSdnFrom(xml));
        ex.Line.ShouldBe(1);
    }

    [Fact]
    public void Read_EmptyName_IsAnError()
    {
        var text = Encoding.Latin1.GetString(Sdn()).Split("\r\n");
        text[0] = "10481,-0- ,\"individual\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ";
        var ex = Should.Throw<ListFormatException>(() => Fixtures.OfacSdnFrom(Encoding.Latin1.GetBytes(string.Join("\r\n", text))));
        ex.RecordId.ShouldBe("10481");
        ex.Message.ShouldContain("SDN_Name");
    }

    [Fact]
    public void Read_WithoutEndOfFileByteOrFinalNewline_StillReadsEveryRecord()
    {
        var bytes = Sdn();
        var trimmed = bytes.AsSpan(0, bytes.Length - 3).ToArray(); // drop "\r\n\x1a"
        Fixtures.OfacSdnFrom(trimmed).Entities.Count.ShouldBe(Fixtures.OfacSdn().Entities.Count);
    }
}
