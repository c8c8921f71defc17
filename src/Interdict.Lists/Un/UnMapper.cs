using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Interdict.Core;
using Interdict.Core.Model;
using Interdict.Lists.Xml;
using Interdict.Lists.Ofac;

namespace Interdict.Lists.Un;

/// <summary>
/// Reads the UN Security Council Consolidated List XML into the unified model: individuals and entities, aliases with their
/// quality, original-script names, dates of birth (exact, year, between, approximately), documents, nationalities,
/// addresses. Ids are <c>un:&lt;REFERENCE_NUMBER&gt;</c>, e.g. <c>un:IRi.039</c>.
/// </summary>
public static partial class UnMapper
{
    private static readonly string[] NameParts = ["FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"];

    /// <summary>
    /// Reads a whole file. Malformed XML, a different root element or a record without a reference number or a name raise
    /// <see cref="ListFormatException"/> naming the file and line.
    /// </summary>
    public static WatchList Read(SourceFile file, string listId = UnSource.Id)
    {
        ArgumentNullException.ThrowIfNull(file);
        var hashing = new HashingStream(file.Stream);
        var doc = XmlSource.Load(hashing, listId, file.Name);

        var root = doc.Root!;
        if (root.Name.LocalName != "CONSOLIDATED_LIST")
        {
            throw new ListFormatException(listId, file.Name, XmlSource.Line(root), $"the root element is <{root.Name.LocalName}>, not <CONSOLIDATED_LIST>; this is not a UN consolidated list file");
        }

        var published = ParseDate((string?)root.Attribute("dateGenerated")) ?? file.PublicationDate;
        var entities = new List<Entity>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in root.Elements())
        {
            foreach (var record in section.Elements())
            {
                var kind = record.Name.LocalName switch
                {
                    "INDIVIDUAL" => EntityKind.Person,
                    "ENTITY" => EntityKind.Organization,
                    _ => throw new ListFormatException(listId, file.Name, XmlSource.Line(record), $"unexpected element <{record.Name.LocalName}> in <{section.Name.LocalName}>"),
                };
                var entity = Map(listId, file.Name, record, kind);
                if (!ids.Add(entity.SourceId))
                {
                    throw new ListFormatException(listId, file.Name, XmlSource.Line(record), $"reference number {entity.SourceId} appears twice", entity.SourceId);
                }

                entities.Add(entity);
            }
        }

        var hash = hashing.Finish();
        return new WatchList
        {
            Id = listId,
            Title = UnSource.Descriptor.Title,
            PublicationDate = published,
            Files = [new ListFile(file.Name, hash, published, entities.Count)],
            Entities = entities,
        };
    }

    private static Entity Map(string listId, string fileName, XElement record, EntityKind kind)
    {
        var reference = Text(record, "REFERENCE_NUMBER")
            ?? throw new ListFormatException(listId, fileName, XmlSource.Line(record), "the record has no REFERENCE_NUMBER", Text(record, "DATAID"));
        var parts = NameParts.Select(n => Text(record, n)).OfType<string>().ToList();
        if (parts.Count == 0)
        {
            throw new ListFormatException(listId, fileName, XmlSource.Line(record), "the record has no name (FIRST_NAME is empty)", reference);
        }

        var primary = string.Join(' ', parts);
        var names = new List<EntityName> { new(primary, NameType.Primary, AliasQuality.Strong, fileName) };
        var prefix = kind == EntityKind.Person ? "INDIVIDUAL" : "ENTITY";
        foreach (var alias in record.Elements(prefix + "_ALIAS"))
        {
            var quality = Text(alias, "QUALITY")?.ToUpperInvariant();
            var (type, strength) = quality switch
            {
                "LOW" => (NameType.Aka, AliasQuality.Weak),
                "F.K.A." => (NameType.Fka, AliasQuality.Strong),
                "GOOD" or "A.K.A." => (NameType.Aka, AliasQuality.Strong),
                _ => (NameType.Aka, AliasQuality.Unknown),
            };

            // The UN sometimes puts several spellings in one ALIAS_NAME, separated by semicolons.
            foreach (var value in (Text(alias, "ALIAS_NAME") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                names.AddDistinct(new EntityName(value, type, strength, fileName));
            }
        }

        if (Text(record, "NAME_ORIGINAL_SCRIPT") is { } original)
        {
            names.AddDistinct(new EntityName(original, NameType.Aka, AliasQuality.Strong, "original script"));
        }

        var dobs = new List<DateOfBirth>();
        foreach (var dob in record.Elements("INDIVIDUAL_DATE_OF_BIRTH"))
        {
            if (ParseDateOfBirth(dob, dobs.Count > 0) is { } parsed)
            {
                dobs.Add(parsed);
            }
        }

        var other = new List<string>();
        if (Text(record, "COMMENTS1") is { } comments)
        {
            other.Add(Collapse(comments));
        }

        var titles = Values(record, "TITLE");
        if (titles.Count > 0)
        {
            other.Add("Title: " + string.Join("; ", titles));
        }

        var designation = Values(record, "DESIGNATION");
        var lastUpdated = Values(record, "LAST_DAY_UPDATED").Select(v => ParseDate(v)).OfType<DateOnly>().DefaultIfEmpty().Max();
        return new Entity
        {
            Id = $"{listId}:{reference}",
            ListId = listId,
            SourceId = reference,
            Kind = kind,
            Name = primary,
            Names = names,
            Programs = Text(record, "UN_LIST_TYPE") is { } program ? [program] : [],
            Title = designation.Count > 0 ? string.Join("; ", designation) : null,
            Addresses = [.. record.Elements(prefix + "_ADDRESS").Select(ParseAddress).OfType<Address>()],
            DatesOfBirth = dobs,
            PlacesOfBirth = [.. record.Elements("INDIVIDUAL_PLACE_OF_BIRTH")
                .Select(p => Fields.JoinNonBlank(Text(p, "STREET"), Text(p, "CITY"), Text(p, "STATE_PROVINCE"), Text(p, "COUNTRY")))
                .OfType<string>()],
            Nationalities = Values(record, "NATIONALITY"),
            Gender = Text(record, "GENDER"),
            Documents = [.. record.Elements("INDIVIDUAL_DOCUMENT").Select(ParseDocument).OfType<IdentityDocument>()],
            ListedOn = ParseDate(Text(record, "LISTED_ON")),
            LastUpdated = lastUpdated == default ? null : lastUpdated,
            OtherFacts = other,
            SourceRecords = [new SourceRecord(fileName, XmlSource.Line(record), XmlSource.Flatten(record))],
        };
    }

    private static DateOfBirth? ParseDateOfBirth(XElement e, bool alternative)
    {
        var type = Text(e, "TYPE_OF_DATE")?.ToUpperInvariant();
        var circa = type == "APPROXIMATELY";
        var note = Text(e, "NOTE");
        if (type == "BETWEEN" && Year(Text(e, "FROM_YEAR")) is { } from && Year(Text(e, "TO_YEAR")) is { } to && from <= to)
        {
            return new DateOfBirth(new PartialDate(from), new PartialDate(to), false, alternative, $"{from} to {to}");
        }

        PartialDate date;
        if (Text(e, "DATE") is { } full && PartialDate.TryParse(full.Length > 10 ? full[..10] : full, out var d))
        {
            date = d;
        }
        else if (Year(Text(e, "YEAR")) is { } y)
        {
            date = new PartialDate(y);
        }
        else
        {
            return null;
        }

        var text = (circa ? "circa " : "") + date + (note is null ? "" : $" ({note})");
        return new DateOfBirth(date, date, circa, alternative, text);
    }

    private static IdentityDocument? ParseDocument(XElement e)
    {
        if (Text(e, "NUMBER") is not { } number)
        {
            return null;
        }

        var label = Collapse(Text(e, "TYPE_OF_DOCUMENT") ?? "Document");
        var kind = label.ToUpperInvariant() switch
        {
            var l when l.Contains("PASSPORT", StringComparison.Ordinal) || l.Contains("PASAPORTE", StringComparison.Ordinal) => DocumentKind.Passport,
            var l when l.Contains("IDENTIFICATION", StringComparison.Ordinal) || l.Contains("IDENTITY", StringComparison.Ordinal) => DocumentKind.NationalId,
            _ => DocumentKind.Other,
        };
        var note = Fields.JoinNonBlank(Text(e, "TYPE_OF_DOCUMENT2"), Text(e, "DATE_OF_ISSUE") is { } issued ? "issued " + issued : null, Text(e, "CITY_OF_ISSUE"), Text(e, "NOTE"));
        return new IdentityDocument(kind, label, number, Text(e, "ISSUING_COUNTRY") ?? Text(e, "COUNTRY_OF_ISSUE"), note);
    }

    private static Address? ParseAddress(XElement e)
    {
        var city = Fields.JoinNonBlank(Text(e, "CITY"), Text(e, "STATE_PROVINCE"), Text(e, "ZIP_CODE"));
        var street = Text(e, "STREET");
        var country = Text(e, "COUNTRY");
        var note = Text(e, "NOTE");
        return street is null && city is null && country is null && note is null ? null : new Address(street, city, country, note);
    }

    private static List<string> Values(XElement record, string name) =>
        [.. record.Elements(name).Elements("VALUE").Select(v => Collapse(v.Value)).Where(v => v.Length > 0)];

    private static string? Text(XElement parent, string name) =>
        parent.Element(name)?.Value is { } v && v.Trim() is { Length: > 0 } t ? t : null;

    private static int? Year(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is > 1800 and < 2100 ? y : null;

    internal static DateOnly? ParseDate(string? text) =>
        text is { Length: >= 10 } && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static string Collapse(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
