using System.Xml;
using System.Xml.Linq;

namespace Interdict.Payments;

/// <summary>
/// Reads ISO 20022 <c>pacs.008</c>, <c>pacs.009</c> (and COV) and <c>pain.001</c> messages: a bare <c>Document</c>, or
/// one wrapped with its business application header (a SWIFT <c>Envelope</c>, or any root holding <c>AppHdr</c> and
/// <c>Document</c>). DTDs and external entities are refused; an unknown namespace or message is named.
/// </summary>
public static partial class Iso20022Reader
{
    /// <summary>The largest message read (characters).</summary>
    public const int MaxCharacters = 1_000_000;

    // Elements that are a party or an agent, and the role each plays.
    private static readonly Dictionary<string, string> Roles = new(StringComparer.Ordinal)
    {
        ["Dbtr"] = "debtor", ["Cdtr"] = "creditor", ["UltmtDbtr"] = "ultimate debtor", ["UltmtCdtr"] = "ultimate creditor", ["InitgPty"] = "initiating party",
        ["DbtrAgt"] = "debtor agent", ["CdtrAgt"] = "creditor agent", ["IntrmyAgt1"] = "intermediary agent", ["IntrmyAgt2"] = "intermediary agent", ["IntrmyAgt3"] = "intermediary agent",
        ["InstgAgt"] = "instructing agent", ["InstdAgt"] = "instructed agent", ["PrvsInstgAgt1"] = "previous instructing agent", ["PrvsInstgAgt2"] = "previous instructing agent",
        ["PrvsInstgAgt3"] = "previous instructing agent", ["FwdgAgt"] = "forwarding agent",
    };

    private static readonly string[] Known = ["pacs.008", "pacs.009", "pain.001"];

    private static readonly string[] AddressParts = ["TwnNm", "AdrLine", "StrtNm", "CtrySubDvsn", "TwnLctnNm", "DstrctNm"];

    /// <summary>Reads one message.</summary>
    public static PaymentMessage Read(byte[] bytes, string file)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxCharacters };
        XDocument doc;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(bytes, writable: false), settings);
            doc = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            throw new PaymentFormatException(file, $"line {ex.LineNumber}", ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("DOCTYPE", StringComparison.OrdinalIgnoreCase)
                ? "a DOCTYPE (DTD or external entity) is refused in a payment message"
                : $"not well-formed XML (cut off?): {ex.Message}");
        }

        var document = doc.Root?.DescendantsAndSelf().FirstOrDefault(e => e.Name.LocalName == "Document")
            ?? throw new PaymentFormatException(file, "root", "no ISO 20022 Document element");
        // ISO's own namespace (urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08), or a market's variant of it that names the
        // message the same way (the Swiss Payment Standards' http://www.six-interbank-clearing.com/de/pain.001.001.03.ch.02.xsd).
        var ns = document.Name.NamespaceName;
        var format = MessageName().Match(ns) is { Success: true } m ? m.Value : "";
        if (!Known.Any(k => format.StartsWith(k + ".", StringComparison.Ordinal)))
        {
            throw new PaymentFormatException(file, "Document", $"namespace '{ns}' is not a message Interdict reads ({string.Join(", ", Known)})");
        }

        string PathOf(XElement e) => string.Join('/', e.AncestorsAndSelf().TakeWhile(a => a != document).Reverse().Skip(1).Select(a => a.Name.LocalName));
        var parties = new List<PaymentParty>();
        foreach (var e in document.Descendants().Where(e => Roles.ContainsKey(e.Name.LocalName)))
        {
            var name = e.Descendants().FirstOrDefault(d => d.Name.LocalName == "Nm" && !string.IsNullOrWhiteSpace(d.Value));
            var bic = e.Descendants().FirstOrDefault(d => d.Name.LocalName is "BICFI" or "BIC" or "AnyBIC")?.Value.Trim();
            var country = e.Descendants().FirstOrDefault(d => d.Name.LocalName == "Ctry" && d.Parent?.Name.LocalName == "PstlAdr")?.Value.Trim();
            var lines = e.Descendants().Where(d => AddressParts.Contains(d.Name.LocalName) && !string.IsNullOrWhiteSpace(d.Value)).Select(d => (PathOf(d), d.Value.Trim())).ToList();
            parties.Add(new PaymentParty(Roles[e.Name.LocalName], PathOf(e), name?.Value.Trim(), name is null ? null : PathOf(name), bic, country, lines));
        }

        var texts = document.Descendants()
            .Where(d => (d.Name.LocalName is "Ustrd" or "InstrInf" || (d.Name.LocalName is "Prtry" or "Cd" && d.Parent?.Name.LocalName == "Purp")) && !string.IsNullOrWhiteSpace(d.Value))
            .Select(d => (PathOf(d), d.Value.Trim())).ToList();
        var messageId = document.Descendants().FirstOrDefault(d => d.Name.LocalName == "MsgId" && d.Parent?.Name.LocalName == "GrpHdr")?.Value.Trim() ?? "";
        return new PaymentMessage(file, messageId, format, parties, texts);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(pacs|pain|camt)\.\d{3}\.\d{3}\.\d{2}(\.[a-z]{2}\.\d{2})?")]
    private static partial System.Text.RegularExpressions.Regex MessageName();
}
