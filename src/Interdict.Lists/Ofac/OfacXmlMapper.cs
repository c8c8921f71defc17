using System.Globalization;
using System.Xml.Linq;
using Interdict.Core;
using Interdict.Core.Model;
using Interdict.Lists.Xml;

namespace Interdict.Lists.Ofac;

/// <summary>
/// Reads OFAC's XML publications into the unified model: the legacy <c>sdnList</c> layout (<c>sdn.xml</c>,
/// <c>consolidated.xml</c>) and the enhanced <c>sanctionsData</c> layout (<c>SDN_ENHANCED.XML</c>). The layout is
/// recognised from the root element. Ids are <c>&lt;list id&gt;:&lt;uid&gt;</c>, the same numbers as the CSV's ent_num.
/// </summary>
public static class OfacXmlMapper
{
    /// <summary>Reads a whole file; malformed XML or an unknown layout raise <see cref="ListFormatException"/> naming the file and line.</summary>
    public static WatchList Read(SourceFile file, string listId = OfacSdnSource.Id, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        var hashing = new HashingStream(file.Stream);
        var doc = XmlSource.Load(hashing, listId, file.Name);

        var root = doc.Root!;
        var (entities, published) = root.Name.LocalName switch
        {
            "sdnList" => ReadLegacy(root, listId, file.Name),
            "sanctionsData" => ReadEnhanced(root, listId, file.Name),
            _ => throw new ListFormatException(listId, file.Name, XmlSource.Line(root), $"the root element is <{root.Name.LocalName}>; expected OFAC's <sdnList> or <sanctionsData>"),
        };
        var duplicate = entities.GroupBy(e => e.SourceId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ListFormatException(listId, file.Name, null, $"uid {duplicate.Key} appears twice", duplicate.Key);
        }

        var date = published ?? file.PublicationDate;
        return new WatchList
        {
            Id = listId,
            Title = title ?? OfacSdnSource.Descriptor.Title,
            PublicationDate = date,
            Files = [new ListFile(file.Name, hashing.Finish(), date, entities.Count)],
            Entities = entities,
        };
    }

    private static (List<Entity>, DateOnly?) ReadLegacy(XElement root, string listId, string fileName)
    {
        var info = Child(root, "publshInformation");
        DateOnly? published = DateOnly.TryParseExact(Text(info, "Publish_Date"), "MM/dd/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        var entities = new List<Entity>();
        foreach (var e in Children(root, "sdnEntry"))
        {
            var uid = Text(e, "uid") ?? throw new ListFormatException(listId, fileName, XmlSource.Line(e), "an sdnEntry has no uid");
            var name = FullName(Text(e, "lastName"), Text(e, "firstName"))
                ?? throw new ListFormatException(listId, fileName, XmlSource.Line(e), "the entry has no lastName", uid);
            var type = Text(e, "sdnType");
            var kind = KindOf(type);
            var remarks = Text(e, "remarks");
            var facts = OfacRemarks.Parse(remarks);

            var names = new List<EntityName> { new(name, NameType.Primary, AliasQuality.Strong, fileName) };
            foreach (var aka in Children(Child(e, "akaList"), "aka"))
            {
                if (FullName(Text(aka, "lastName"), Text(aka, "firstName")) is { } alias)
                {
                    var quality = string.Equals(Text(aka, "category"), "weak", StringComparison.OrdinalIgnoreCase) ? AliasQuality.Weak : AliasQuality.Strong;
                    names.AddDistinct(new EntityName(alias, NameTypeOf(Text(aka, "type")), quality, fileName));
                }
            }

            facts.Names.ForEach(names.AddDistinct);
            var documents = new List<IdentityDocument>(facts.Documents);
            foreach (var id in Children(Child(e, "idList"), "id"))
            {
                if (Text(id, "idNumber") is { } number)
                {
                    var label = Text(id, "idType") ?? "Identification Number";
                    var note = string.Join("; ", new[] { Text(id, "issueDate") is { } i ? "issued " + i : null, Text(id, "expirationDate") is { } x ? "expires " + x : null }.OfType<string>());
                    documents.Add(new IdentityDocument(label.StartsWith("Vessel Registration", StringComparison.Ordinal) && number.Length == 7 && number.All(char.IsAsciiDigit) ? DocumentKind.Imo : OfacRemarks.DocumentKindOf(label),
                        label, number, Text(id, "idCountry"), note.Length == 0 ? null : note));
                }
            }

            var vessel = Child(e, "vesselInfo") is { } v
                ? new VesselDetails
                {
                    CallSign = Text(v, "callSign"),
                    VesselType = Text(v, "vesselType"),
                    Flag = Text(v, "vesselFlag"),
                    Owner = Text(v, "vesselOwner"),
                    Tonnage = Text(v, "tonnage"),
                    GrossRegisteredTonnage = Text(v, "grossRegisteredTonnage"),
                }
                : null;

            var dobs = new List<DateOfBirth>();
            foreach (var item in Children(Child(e, "dateOfBirthList"), "dateOfBirthItem"))
            {
                if (Text(item, "dateOfBirth") is { } text && OfacRemarks.TryParseDateOfBirth(text, dobs.Count > 0, out var dob))
                {
                    dobs.Add(dob);
                }
            }

            entities.Add(new Entity
            {
                Id = $"{listId}:{uid}",
                ListId = listId,
                SourceId = uid,
                Kind = kind,
                Name = name,
                Names = names,
                Programs = [.. Children(Child(e, "programList"), "program").Select(p => p.Value.Trim()).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal)],
                Title = Text(e, "title"),
                Vessel = vessel,
                Addresses = [.. Children(Child(e, "addressList"), "address").Select(a => new Address(
                    Fields.JoinNonBlank(Text(a, "address1"), Text(a, "address2"), Text(a, "address3")),
                    Fields.JoinNonBlank(Text(a, "city"), Text(a, "stateOrProvince"), Text(a, "postalCode")),
                    Text(a, "country"),
                    null))],
                DatesOfBirth = dobs.Count > 0 ? dobs : facts.DatesOfBirth,
                PlacesOfBirth = [.. Children(Child(e, "placeOfBirthList"), "placeOfBirthItem").Select(p => Text(p, "placeOfBirth")).OfType<string>().Union(facts.PlacesOfBirth)],
                Nationalities = [.. Children(Child(e, "nationalityList"), "nationality").Select(n => Text(n, "country")).OfType<string>().Union(facts.Nationalities)],
                Citizenships = [.. Children(Child(e, "citizenshipList"), "citizenship").Select(n => Text(n, "country")).OfType<string>().Union(facts.Citizenships)],
                Gender = facts.Gender,
                Documents = documents,
                Websites = facts.Websites,
                Emails = facts.Emails,
                LinkedTo = facts.LinkedTo,
                SecondarySanctions = facts.SecondarySanctions,
                OtherFacts = facts.Other,
                SourceRecords = [new SourceRecord(fileName, XmlSource.Line(e), XmlSource.Flatten(e))],
            });
        }

        return (entities, published);
    }

    private static (List<Entity>, DateOnly?) ReadEnhanced(XElement root, string listId, string fileName)
    {
        var asOf = Text(Child(root, "publicationInfo"), "dataAsOf");
        DateOnly? published = asOf is { Length: >= 10 } && DateOnly.TryParseExact(asOf[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        var entities = new List<Entity>();
        foreach (var e in Children(Child(root, "entities"), "entity"))
        {
            var uid = (string?)e.Attribute("id") ?? throw new ListFormatException(listId, fileName, XmlSource.Line(e), "an entity has no id attribute");
            var general = Child(e, "generalInfo");
            var kind = KindOf(Text(general, "entityType"));

            var names = new List<EntityName>();
            foreach (var n in Children(Child(e, "names"), "name").OrderByDescending(n => Text(n, "isPrimary") == "true"))
            {
                var primary = Text(n, "isPrimary") == "true" && names.Count == 0;
                var weak = Text(n, "isLowQuality") == "true";
                foreach (var t in Children(Child(n, "translations"), "translation"))
                {
                    if (Text(t, "formattedFullName") is not { } full)
                    {
                        continue;
                    }

                    var latin = Text(t, "script") is null or "Latin";
                    var type = primary && latin && names.Count == 0 ? NameType.Primary : NameTypeOf(Text(n, "aliasType"));
                    names.AddDistinct(new EntityName(full, type, weak ? AliasQuality.Weak : AliasQuality.Strong, latin ? fileName : $"{Text(t, "script")} script"));
                }
            }

            if (names.Count == 0)
            {
                throw new ListFormatException(listId, fileName, XmlSource.Line(e), "the entity has no name", uid);
            }

            var features = Children(Child(e, "features"), "feature").Select(f => (Type: Text(f, "type") ?? "", Value: Text(f, "value"), Element: f)).ToList();
            IReadOnlyList<string> Feature(string type) => [.. features.Where(f => f.Type == type).Select(f => f.Value).OfType<string>().Distinct(StringComparer.Ordinal)];

            var dobs = new List<DateOfBirth>();
            foreach (var (_, value, element) in features.Where(f => f.Type == "Birthdate"))
            {
                if (value is not null && OfacRemarks.TryParseDateOfBirth(value, dobs.Count > 0, out var dob))
                {
                    var date = Child(element, "valueDate");
                    dobs.Add(Text(date, "isApproximate") == "true" ? dob with { Circa = true } : dob);
                }
            }

            var documents = Children(Child(e, "identityDocuments"), "identityDocument")
                .Where(doc => Text(doc, "documentNumber") is not null)
                .Select(doc => new IdentityDocument(OfacRemarks.DocumentKindOf(Text(doc, "type") ?? ""), Text(doc, "type") ?? "Identification Number",
                    Text(doc, "documentNumber")!, Text(doc, "issuingCountry"), null))
                .ToList();
            foreach (var (type, value, _) in features)
            {
                var docKind = type switch
                {
                    "Vessel IMO" or "IMO Number" => DocumentKind.Imo,
                    "MMSI" => DocumentKind.Mmsi,
                    "SWIFT/BIC" => DocumentKind.SwiftBic,
                    _ when type.StartsWith("Aircraft Manufacturer", StringComparison.Ordinal) => DocumentKind.Aircraft,
                    _ => (DocumentKind?)null,
                };
                if (docKind is { } dk && value is not null)
                {
                    documents.Add(new IdentityDocument(dk, type, value, null, null));
                }
            }

            var other = features.Where(f => f.Type is "Additional Sanctions Information -" or "Secondary sanctions risk:" or "Organization Established Date" or "Organization Type:" or "Phone Number" or "Target Type"
                    || f.Type.StartsWith("Digital Currency Address", StringComparison.Ordinal))
                .Select(f => $"{f.Type.TrimEnd(' ', '-', ':')}: {f.Value}").ToList();
            if (Text(general, "remarks") is { } remarks)
            {
                other.Add(remarks);
            }

            var vesselFlag = Feature("Vessel Flag") is [var flag, ..] ? flag : null;
            var vesselType = Feature("VESSEL TYPE") is [var vt, ..] ? vt : Feature("Vessel Type") is [var vt2, ..] ? vt2 : null;
            entities.Add(new Entity
            {
                Id = $"{listId}:{uid}",
                ListId = listId,
                SourceId = uid,
                Kind = kind,
                Name = names[0].Value,
                Names = names,
                Programs = [.. Children(Child(e, "sanctionsPrograms"), "sanctionsProgram").Select(p => p.Value.Trim()).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal)],
                Title = Text(general, "title"),
                Vessel = kind == EntityKind.Vessel || vesselFlag is not null ? new VesselDetails { Flag = vesselFlag, VesselType = vesselType } : null,
                Addresses = [.. Children(Child(e, "addresses"), "address").Select(AddressOf).OfType<Address>()],
                DatesOfBirth = dobs,
                PlacesOfBirth = Feature("Place of Birth"),
                Nationalities = Feature("Nationality Country"),
                Citizenships = Feature("Citizenship Country"),
                Gender = Feature("Gender") is [var gender, ..] ? gender : null,
                Documents = documents,
                Websites = Feature("Website"),
                Emails = Feature("Email Address"),
                LinkedTo = [.. Children(Child(e, "relationships"), "relationship").Select(r => Text(r, "relatedEntity")).OfType<string>()],
                SecondarySanctions = features.Any(f => f.Value?.Contains("Secondary Sanctions", StringComparison.OrdinalIgnoreCase) == true),
                OtherFacts = other,
                SourceRecords = [new SourceRecord(fileName, XmlSource.Line(e), XmlSource.Flatten(e))],
            });
        }

        return (entities, published);
    }

    private static Address? AddressOf(XElement a)
    {
        var parts = Children(Child(Children(Child(a, "translations"), "translation").FirstOrDefault(), "addressParts"), "addressPart")
            .Select(p => (Type: Text(p, "type") ?? "", Value: Text(p, "value"))).ToList();
        string? Part(params string[] types) => Fields.JoinNonBlank([.. parts.Where(p => types.Contains(p.Type)).Select(p => p.Value)]);
        var street = Part("ADDRESS1", "ADDRESS2", "ADDRESS3");
        var city = Part("CITY", "STATE/PROVINCE", "POSTAL CODE");
        var country = Text(a, "country");
        return street is null && city is null && country is null ? null : new Address(street, city, country, null);
    }

    private static EntityKind KindOf(string? type) => type?.ToUpperInvariant() switch
    {
        "INDIVIDUAL" => EntityKind.Person,
        "VESSEL" => EntityKind.Vessel,
        "AIRCRAFT" => EntityKind.Aircraft,
        _ => EntityKind.Organization,
    };

    private static NameType NameTypeOf(string? type) => type?.ToUpperInvariant() switch
    {
        "F.K.A." or "FKA" => NameType.Fka,
        "N.K.A." or "NKA" => NameType.Nka,
        _ => NameType.Aka,
    };

    private static string? FullName(string? last, string? first) => (last, first) switch
    {
        (null, null) => null,
        (null, _) => first,
        (_, null) => last,
        _ => $"{last}, {first}",
    };

    private static XElement? Child(XElement? parent, string localName) => parent?.Elements().FirstOrDefault(c => c.Name.LocalName == localName);

    private static IEnumerable<XElement> Children(XElement? parent, string localName) => parent?.Elements().Where(c => c.Name.LocalName == localName) ?? [];

    private static string? Text(XElement? parent, string localName) => Child(parent, localName)?.Value.Trim() is { Length: > 0 } t ? t : null;
}
