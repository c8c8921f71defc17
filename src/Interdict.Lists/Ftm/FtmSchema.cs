using System.Globalization;
using Interdict.Core.Model;
using Interdict.Core.Text;

namespace Interdict.Lists.Ftm;

/// <summary>
/// How Interdict's entities read and write as FollowTheMoney (FtM), the data model of OpenSanctions and yente: the
/// schemata screened (<c>Person</c>, <c>Organization</c>, <c>Company</c>, <c>PublicBody</c>, <c>LegalEntity</c>,
/// <c>Vessel</c>, <c>Airplane</c>) and the properties carried (<c>name</c>, <c>alias</c>, <c>birthDate</c>,
/// <c>nationality</c>, <c>passportNumber</c>, <c>imoNumber</c>, …). Reference: the published FtM schema
/// (followthemoney.tech/explorer).
/// </summary>
public static class FtmSchema
{
    /// <summary>The schemata that name a party Interdict screens, and the kind each is screened as.</summary>
    public static IReadOnlyDictionary<string, EntityKind> Screened { get; } = new Dictionary<string, EntityKind>(StringComparer.Ordinal)
    {
        ["Person"] = EntityKind.Person,
        ["Organization"] = EntityKind.Organization,
        ["Company"] = EntityKind.Organization,
        ["PublicBody"] = EntityKind.Organization,
        ["LegalEntity"] = EntityKind.Unknown,
        ["Thing"] = EntityKind.Unknown,
        ["Vessel"] = EntityKind.Vessel,
        ["Airplane"] = EntityKind.Aircraft,
    };

    /// <summary>Properties holding a name of the party (the first <c>name</c> is its caption).</summary>
    public static IReadOnlyList<string> NameProperties { get; } = ["name", "alias", "previousName", "weakAlias"];

    /// <summary>Properties holding parts of a person's name, in the order they make a name when no whole one is given.</summary>
    public static IReadOnlyList<string> NamePartProperties { get; } = ["firstName", "secondName", "middleName", "fatherName", "lastName"];

    /// <summary>Properties holding where an organisation is registered or based.</summary>
    public static IReadOnlyList<string> JurisdictionProperties { get; } = ["country", "jurisdiction", "mainCountry", "registrationCountry"];

    /// <summary>Properties holding a country (as an ISO code, or a name).</summary>
    public static IReadOnlyList<string> CountryProperties { get; } = ["nationality", "citizenship", "country", "jurisdiction", "flag", "mainCountry", "registrationCountry"];

    /// <summary>Properties holding a number that identifies the party, and the kind of document each is.</summary>
    public static IReadOnlyDictionary<string, DocumentKind> IdentifierProperties { get; } = new Dictionary<string, DocumentKind>(StringComparer.Ordinal)
    {
        ["passportNumber"] = DocumentKind.Passport,
        ["idNumber"] = DocumentKind.NationalId,
        ["taxNumber"] = DocumentKind.TaxId,
        ["innCode"] = DocumentKind.TaxId,
        ["registrationNumber"] = DocumentKind.Registration,
        ["ogrnCode"] = DocumentKind.Registration,
        ["leiCode"] = DocumentKind.Registration,
        ["imoNumber"] = DocumentKind.Imo,
        ["mmsi"] = DocumentKind.Mmsi,
        ["swiftBic"] = DocumentKind.SwiftBic,
        ["serialNumber"] = DocumentKind.Aircraft,
    };

    /// <summary>The FtM schema an entity of a kind is written as.</summary>
    public static string SchemaOf(EntityKind kind) => kind switch
    {
        EntityKind.Person => "Person",
        EntityKind.Organization => "Organization",
        EntityKind.Vessel => "Vessel",
        EntityKind.Aircraft => "Airplane",
        _ => "LegalEntity",
    };

    /// <summary>A country as FtM writes it: the lower-case ISO 3166-1 alpha-2 code when it can be read, else as given.</summary>
    public static string CountryCode(string country) =>
        Countries.TryResolve(country, out var c) ? c.Alpha2.ToLowerInvariant() : country;

    /// <summary>An entity's facts as FtM properties (only those with values), in the order FtM documents them.</summary>
    public static Dictionary<string, List<string>> Properties(Entity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var p = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string property, string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return;
            }

            if (!p.TryGetValue(property, out var values))
            {
                p[property] = values = [];
            }

            if (!values.Contains(value, StringComparer.Ordinal))
            {
                values.Add(value);
            }
        }

        Add("name", entity.Name);
        foreach (var n in entity.Names.Skip(1))
        {
            Add(n.Quality == AliasQuality.Weak ? "weakAlias" : n.Type == NameType.Fka ? "previousName" : "alias", n.Value);
        }

        foreach (var d in entity.DatesOfBirth)
        {
            Add(entity.Kind == EntityKind.Person ? "birthDate" : "incorporationDate", d.From == d.To ? d.From.ToString() : d.Text);
        }

        foreach (var place in entity.PlacesOfBirth)
        {
            Add("birthPlace", place);
        }

        foreach (var n in entity.Nationalities)
        {
            Add(entity.Kind == EntityKind.Person ? "nationality" : "country", CountryCode(n));
        }

        foreach (var c in entity.Citizenships)
        {
            Add("citizenship", CountryCode(c));
        }

        foreach (var a in entity.Addresses)
        {
            Add("address", a.ToString());
            if (a.Country is { } country)
            {
                Add("country", CountryCode(country));
            }
        }

        Add("gender", entity.Gender?.ToLowerInvariant());
        Add("position", entity.Title);
        foreach (var d in entity.Documents)
        {
            var property = IdentifierProperties.FirstOrDefault(kv => kv.Value == d.Kind).Key ?? "idNumber";
            Add(property, d.Number);
        }

        if (entity.Vessel is { } v)
        {
            Add("flag", v.Flag is null ? null : CountryCode(v.Flag));
            Add("callSign", v.CallSign);
            Add("type", v.VesselType);
            Add("tonnage", v.Tonnage);
            Add("grossRegisteredTonnage", v.GrossRegisteredTonnage);
        }

        foreach (var w in entity.Websites)
        {
            Add("website", w);
        }

        foreach (var e in entity.Emails)
        {
            Add("email", e);
        }

        foreach (var program in entity.Programs)
        {
            Add("program", program);
        }

        Add("createdAt", entity.ListedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("modifiedAt", entity.LastUpdated?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("topics", "sanction");
        foreach (var fact in entity.OtherFacts)
        {
            Add("notes", fact);
        }

        return p;
    }
}
