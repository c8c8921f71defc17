using System.Xml;
using System.Xml.Linq;
using Interdict.Core;
using Interdict.Core.Model;

namespace Interdict.Lists.Xml;

/// <summary>What the XML list readers share: safe loading with line numbers, and the source record of an element.</summary>
internal static class XmlSource
{
    /// <summary>Loads a whole document (no DTDs, no external resources); malformed XML raises <see cref="ListFormatException"/> with its line.</summary>
    public static XDocument Load(Stream stream, string listId, string fileName)
    {
        try
        {
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, CloseInput = false });
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            throw new ListFormatException(listId, fileName, ex.LineNumber, $"not well-formed XML ({ex.Message}); the file may be truncated or corrupt", innerException: ex);
        }
    }

    /// <summary>The line an element starts on (0 when unknown).</summary>
    public static long Line(XObject e) => e is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;

    /// <summary>Every non-empty leaf under a record, keyed by its path below the record, for the audit copy of the source record.</summary>
    public static KeyValuePair<string, string>[] Flatten(XElement record) =>
        [.. record.Descendants()
            .Where(d => !d.HasElements && !string.IsNullOrWhiteSpace(d.Value))
            .Select(d => new KeyValuePair<string, string>(
                string.Join('/', d.AncestorsAndSelf().TakeWhile(a => a != record).Reverse().Select(a => a.Name.LocalName)),
                string.Join(' ', d.Value.Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries))))];

    /// <summary>Adds a name unless the same spelling (ignoring case) is already there.</summary>
    public static void AddDistinct(this List<EntityName> names, EntityName name)
    {
        if (!names.Exists(n => string.Equals(n.Value, name.Value, StringComparison.OrdinalIgnoreCase)))
        {
            names.Add(name);
        }
    }
}
