using System.Xml;

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

    /// <summary>
    /// Reads one message in one pass over the XML (a streaming reader: no tree is built), keeping the path of every field
    /// read below the message's root element, e.g. <c>CdtTrfTxInf/Cdtr/Nm</c>.
    /// </summary>
    public static PaymentMessage Read(byte[] bytes, string file)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxCharacters, IgnoreComments = true, IgnoreProcessingInstructions = true };
        var path = new List<string>(); // element names from the Document element down
        var open = new List<(Party Party, int Depth)>(); // parties being read, innermost last
        var parties = new List<Party>();
        var texts = new List<(string, string)>();
        var text = new System.Text.StringBuilder();
        string? messageId = null, format = null;
        var documentDepth = -1;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(bytes, writable: false), settings);
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element when documentDepth < 0:
                        if (reader.LocalName == "Document")
                        {
                            documentDepth = reader.Depth;
                            format = Format(file, reader.NamespaceURI);
                            path.Add("Document");
                        }

                        break;
                    case XmlNodeType.Element when reader.Depth > documentDepth:
                        path.Add(reader.LocalName);
                        text.Clear();
                        if (Roles.TryGetValue(reader.LocalName, out var role))
                        {
                            var party = new Party(role, PathOf(path));
                            parties.Add(party);
                            open.Add((party, path.Count));
                        }

                        if (reader.IsEmptyElement)
                        {
                            Close(path, open, text, texts, ref messageId);
                        }

                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA when documentDepth >= 0:
                        text.Append(reader.Value);
                        break;
                    case XmlNodeType.EndElement when documentDepth >= 0 && reader.Depth > documentDepth:
                        Close(path, open, text, texts, ref messageId);
                        break;
                    case XmlNodeType.EndElement when reader.Depth == documentDepth && path.Count == 1:
                        path.Clear();
                        documentDepth = int.MaxValue; // the Document is read; what follows it is not looked at
                        break;
                }
            }
        }
        catch (XmlException ex)
        {
            throw new PaymentFormatException(file, $"line {ex.LineNumber}", ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("DOCTYPE", StringComparison.OrdinalIgnoreCase)
                ? "a DOCTYPE (DTD or external entity) is refused in a payment message"
                : $"not well-formed XML (cut off?): {ex.Message}");
        }

        if (format is null)
        {
            throw new PaymentFormatException(file, "root", "no ISO 20022 Document element");
        }

        return new PaymentMessage(file, messageId ?? "", format, [.. parties.Select(p => p.ToParty())], texts);
    }

    // ISO's own namespace (urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08), or a market's variant of it that names the
    // message the same way (the Swiss Payment Standards' http://www.six-interbank-clearing.com/de/pain.001.001.03.ch.02.xsd).
    private static string Format(string file, string ns)
    {
        var format = MessageName().Match(ns) is { Success: true } m ? m.Value : "";
        return Known.Any(k => format.StartsWith(k + ".", StringComparison.Ordinal))
            ? format
            : throw new PaymentFormatException(file, "Document", $"namespace '{ns}' is not a message Interdict reads ({string.Join(", ", Known)})");
    }

    // The path below the message's root element (Document/FIToFICstmrCdtTrf/ is left out).
    private static string PathOf(List<string> path) => string.Join('/', path.Skip(2));

    // An element ends: its text is a party's name, BIC, country or address line, a free text, or the message id.
    private static void Close(List<string> path, List<(Party Party, int Depth)> open, System.Text.StringBuilder text, List<(string, string)> texts, ref string? messageId)
    {
        var name = path[^1];
        var parent = path.Count > 1 ? path[^2] : "";
        var value = text.ToString().Trim();
        text.Clear();
        var party = open.Count > 0 ? open[^1].Party : null;
        if (value.Length > 0)
        {
            if (party is not null)
            {
                switch (name)
                {
                    case "Nm" when party.Name is null:
                        (party.Name, party.NamePath) = (value, PathOf(path));
                        break;
                    case "BICFI" or "BIC" or "AnyBIC" when party.Bic is null:
                        party.Bic = value;
                        break;
                    case "Ctry" when parent == "PstlAdr" && party.Country is null:
                        party.Country = value;
                        break;
                    default:
                        if (AddressParts.Contains(name))
                        {
                            party.Lines.Add((PathOf(path), value));
                        }

                        break;
                }
            }

            if (name is "Ustrd" or "InstrInf" || (name is "Prtry" or "Cd" && parent == "Purp"))
            {
                texts.Add((PathOf(path), value));
            }
            else if (name == "MsgId" && parent == "GrpHdr")
            {
                messageId ??= value;
            }
        }

        if (open.Count > 0 && open[^1].Depth == path.Count)
        {
            open.RemoveAt(open.Count - 1);
        }

        path.RemoveAt(path.Count - 1);
    }

    private sealed class Party(string role, string path)
    {
        public string? Name { get; set; }

        public string? NamePath { get; set; }

        public string? Bic { get; set; }

        public string? Country { get; set; }

        public List<(string, string)> Lines { get; } = [];

        public PaymentParty ToParty() => new(role, path, Name, NamePath, Bic, Country, Lines);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(pacs|pain|camt)\.\d{3}\.\d{3}\.\d{2}(\.[a-z]{2}\.\d{2})?")]
    private static partial System.Text.RegularExpressions.Regex MessageName();
}
