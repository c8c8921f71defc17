using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Interdict.Core;
using Interdict.Core.Model;
using Interdict.Core.Text;
using Interdict.Lists.Ofac;

namespace Interdict.Lists.Ftm;

/// <summary>What reducing an FtM file kept and left out.</summary>
/// <param name="File">The reduced file: the lines Interdict reads, as they were written.</param>
/// <param name="Lines">Lines read.</param>
/// <param name="Kept">Lines kept: parties screened, and the sanctions and identity documents that describe them.</param>
/// <param name="OtherSchemata">Lines left out, by schema (addresses, ownerships, family ties, …).</param>
/// <param name="Sha256">The SHA-256 of the whole file as read.</param>
public sealed record FtmReduction(ListFileContent File, long Lines, long Kept, IReadOnlyDictionary<string, long> OtherSchemata, string Sha256);

/// <summary>
/// FollowTheMoney entity files (<c>entities.ftm.json</c>: one JSON entity per line, as OpenSanctions publishes its
/// datasets) as a list source: <c>lists import FILE --source ftm:NAME</c>. The file is streamed, never held whole: only the
/// lines Interdict reads are kept (the parties of the screened schemata, and the <c>Sanction</c>, <c>Identification</c>
/// and <c>Passport</c> entities that describe them), stored as the version's file, and read into entities. A line that is
/// not a JSON entity refuses the file, naming the line; nothing is skipped silently.
/// </summary>
public static partial class FtmSource
{
    /// <summary>The file name a reduced FtM file is stored under.</summary>
    public const string FileName = "entities.ftm.json";

    /// <summary>The largest reduced file kept (the store holds each file as one value).</summary>
    public const long MaxKeptBytes = 1L << 30;

    /// <summary>The schemata kept beside the screened ones, for what they say about a party.</summary>
    private static readonly string[] Describing = ["Sanction", "Identification", "Passport"];

    /// <summary>True when <paramref name="id"/> names an FtM source: <c>ftm:</c> and a dataset name.</summary>
    public static bool IsFtm(string? id) => id is not null && id.StartsWith(ListSources.FtmPrefix, StringComparison.Ordinal);

    /// <summary>Why <paramref name="id"/> is not a valid FtM source id, or null.</summary>
    public static string? Invalid(string id) => IsFtm(id) && DatasetName().IsMatch(id[ListSources.FtmPrefix.Length..])
        ? null
        : $"'{id}' is not an FtM source: write ftm:NAME, NAME in lower-case letters, digits, '_' and '-' (e.g. ftm:opensanctions, ftm:us_ofac_sdn)";

    /// <summary>The descriptor of an FtM source.</summary>
    public static ListSource Descriptor(string id) => new(id, $"FollowTheMoney dataset '{id[ListSources.FtmPrefix.Length..]}'", "OpenSanctions (FollowTheMoney entities)",
        new Uri("https://www.opensanctions.org/datasets/"), "FollowTheMoney entities, one JSON object per line");

    /// <summary>
    /// Streams an FtM file and keeps the lines Interdict reads, reporting progress in bytes read. Refuses, naming the
    /// line, a line that is not a JSON entity with an id and a schema.
    /// </summary>
    public static FtmReduction Reduce(string sourceId, Stream input, string fileName, IProgress<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var hashing = new HashingStream(input);
        using var reader = new StreamReader(hashing, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var kept = new MemoryStream();
        var others = new SortedDictionary<string, long>(StringComparer.Ordinal);
        long lines = 0, keptLines = 0;
        var newline = "\n"u8.ToArray();
        while (ReadLine(reader, sourceId, fileName, lines + 1) is { } line)
        {
            lines++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var schema = SchemaOf(sourceId, fileName, lines, line);
            if (FtmSchema.Screened.ContainsKey(schema) || Describing.Contains(schema, StringComparer.Ordinal))
            {
                var bytes = Encoding.UTF8.GetBytes(line);
                if (kept.Length + bytes.Length + 1 > MaxKeptBytes)
                {
                    throw new ListFormatException(sourceId, fileName, lines, string.Create(CultureInfo.InvariantCulture,
                        $"the parties to screen in this file take more than {MaxKeptBytes / (1 << 20):N0} MB; import a smaller dataset (e.g. OpenSanctions' 'sanctions' collection) or split it into several ftm: sources"));
                }

                kept.Write(bytes);
                kept.Write(newline);
                keptLines++;
            }
            else
            {
                others[schema] = others.GetValueOrDefault(schema) + 1;
            }

            if ((lines & 0x3FFF) == 0)
            {
                progress?.Report(hashing.BytesRead);
            }
        }

        progress?.Report(hashing.BytesRead);
        if (keptLines == 0)
        {
            throw NothingToScreen(sourceId, fileName, lines);
        }

        return new FtmReduction(new ListFileContent(FileName, kept.ToArray()), lines, keptLines, others, hashing.Finish());
    }

    /// <summary>Reads a (reduced or whole) FtM file into a list.</summary>
    public static WatchList Read(SourceFile file, string sourceId)
    {
        ArgumentNullException.ThrowIfNull(file);
        var parties = new List<(FtmEntity Entity, long Line)>();
        var sanctions = new List<FtmEntity>();
        var documents = new List<FtmEntity>();
        var notices = new List<string>();
        DateOnly? latest = null;
        using var hashing = new HashingStream(file.Stream);
        using var reader = new StreamReader(hashing, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        long lineNumber = 0;
        var records = 0;
        while (ReadLine(reader, sourceId, file.Name, lineNumber + 1) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var e = Parse(sourceId, file.Name, lineNumber, line);
            records++;
            if (e.LastChange is { } changed && (latest is null || changed > latest))
            {
                latest = changed;
            }

            if (FtmSchema.Screened.ContainsKey(e.Schema))
            {
                parties.Add((e, lineNumber));
            }
            else if (e.Schema == "Sanction")
            {
                sanctions.Add(e);
            }
            else if (e.Schema is "Identification" or "Passport")
            {
                documents.Add(e);
            }
        }

        if (parties.Count == 0)
        {
            throw NothingToScreen(sourceId, file.Name, lineNumber);
        }

        // Sanctions and documents name their party by id, before or after it in the file.
        var programs = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var listed = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        foreach (var s in sanctions)
        {
            foreach (var target in s.Values("entity"))
            {
                var list = programs.TryGetValue(target, out var l) ? l : programs[target] = [];
                list.AddRange(s.Values("programId").Concat(s.Values("program")).DefaultIfEmpty(s.Values("authority").FirstOrDefault() ?? "").Where(p => p.Length > 0));
                foreach (var date in s.Values("listingDate").Concat(s.Values("startDate")))
                {
                    if (PartialDate.TryParse(date.Length > 10 ? date[..10] : date, out var d) && (!listed.TryGetValue(target, out var seen) || d.Earliest < seen))
                    {
                        listed[target] = d.Earliest;
                    }
                }
            }
        }

        var held = new Dictionary<string, List<IdentityDocument>>(StringComparer.Ordinal);
        foreach (var d in documents)
        {
            foreach (var holder in d.Values("holder"))
            {
                foreach (var number in d.Values("number"))
                {
                    var list = held.TryGetValue(holder, out var l) ? l : held[holder] = [];
                    list.Add(new IdentityDocument(d.Schema == "Passport" ? DocumentKind.Passport : DocumentKind.NationalId, d.Values("type").FirstOrDefault() ?? d.Schema, number,
                        d.Values("country").FirstOrDefault(), null));
                }
            }
        }

        var entities = new List<Entity>(parties.Count);
        var unnamed = 0;
        foreach (var (e, line) in parties)
        {
            if (Map(e, sourceId, file.Name, line, programs, listed, held) is { } entity)
            {
                entities.Add(entity);
            }
            else
            {
                unnamed++;
            }
        }

        if (unnamed > 0)
        {
            notices.Add($"{file.Name}: {unnamed:N0} {(unnamed == 1 ? "party has" : "parties have")} no name (name, alias or first and last name) and cannot be screened; skipped");
        }

        var published = file.PublicationDate ?? latest;
        return new WatchList
        {
            Id = sourceId,
            Title = Descriptor(sourceId).Title,
            PublicationDate = published,
            // The version's identity: the SHA-256 of the file read (for an import, the kept lines).
            Files = [new ListFile(file.Name, hashing.Finish(), published, records)],
            Entities = entities,
            Notices = notices,
        };
    }

    private static Entity? Map(FtmEntity e, string sourceId, string fileName, long line, Dictionary<string, List<string>> programs, Dictionary<string, DateOnly> listed,
        Dictionary<string, List<IdentityDocument>> held)
    {
        var names = new List<EntityName>();
        void Name(string value, NameType type, AliasQuality quality, string property)
        {
            var v = value.Trim();
            if (v.Length > 0 && !names.Any(n => string.Equals(n.Value, v, StringComparison.Ordinal)))
            {
                names.Add(new EntityName(v, names.Count == 0 ? NameType.Primary : type, quality, property));
            }
        }

        if (e.Caption is { Length: > 0 } caption && e.Values("name").Contains(caption, StringComparer.Ordinal))
        {
            Name(caption, NameType.Primary, AliasQuality.Strong, "name");
        }

        foreach (var n in e.Values("name"))
        {
            Name(n, NameType.Aka, AliasQuality.Strong, "name");
        }

        foreach (var n in e.Values("alias"))
        {
            Name(n, NameType.Aka, AliasQuality.Strong, "alias");
        }

        foreach (var n in e.Values("previousName"))
        {
            Name(n, NameType.Fka, AliasQuality.Strong, "previousName");
        }

        if (names.Count == 0 && string.Join(' ', FtmSchema.NamePartProperties.SelectMany(e.Values)) is { Length: > 0 } parts)
        {
            Name(parts, NameType.Primary, AliasQuality.Strong, "firstName lastName");
        }

        foreach (var n in e.Values("weakAlias"))
        {
            Name(n, NameType.Aka, AliasQuality.Weak, "weakAlias");
        }

        if (names.Count == 0)
        {
            return null;
        }

        var kind = FtmSchema.Screened[e.Schema];
        var person = kind == EntityKind.Person;
        var documents = new List<IdentityDocument>();
        foreach (var (property, documentKind) in FtmSchema.IdentifierProperties)
        {
            documents.AddRange(e.Values(property).Select(n => new IdentityDocument(documentKind, property, n, null, null)));
        }

        documents.AddRange(held.GetValueOrDefault(e.Id) ?? []);
        var dates = new List<DateOfBirth>();
        foreach (var text in person || e.Schema is "LegalEntity" or "Thing" ? e.Values("birthDate") : [])
        {
            var day = text.Length > 10 ? text[..10] : text;
            if (PartialDate.TryParse(day, out var d))
            {
                dates.Add(new DateOfBirth(d, d, Circa: false, Alternative: dates.Count > 0, text));
            }
        }

        var countries = FtmSchema.JurisdictionProperties.SelectMany(e.Values).Distinct(StringComparer.Ordinal)
            .Select(c => new Address(null, null, CountryName(c), null));
        var other = new List<string>();
        if (!person)
        {
            other.AddRange(e.Values("incorporationDate").Select(d => $"Incorporation date: {d}"));
        }

        other.AddRange(e.Values("notes"));
        if (e.Values("topics").ToList() is { Count: > 0 } topics)
        {
            other.Add($"Topics: {string.Join(", ", topics)}");
        }

        if (e.Datasets.Count > 0)
        {
            other.Add($"Datasets: {string.Join(", ", e.Datasets)}");
        }

        if (e.Target == false)
        {
            other.Add("Not a target of the dataset: a related party (owner, associate, relative), not itself listed");
        }

        VesselDetails? vessel = kind == EntityKind.Vessel
            ? new VesselDetails
            {
                Flag = e.Values("flag").FirstOrDefault() is { } flag ? CountryName(flag) : null,
                CallSign = e.Values("callSign").FirstOrDefault(),
                VesselType = e.Values("type").FirstOrDefault(),
                Tonnage = e.Values("tonnage").FirstOrDefault(),
                GrossRegisteredTonnage = e.Values("grossRegisteredTonnage").FirstOrDefault(),
            }
            : null;
        return new Entity
        {
            Id = $"{sourceId}:{e.Id}",
            ListId = sourceId,
            SourceId = e.Id,
            Kind = kind,
            Name = names[0].Value,
            Names = names,
            Programs = [.. e.Values("programId").Concat(e.Values("program")).Concat(programs.GetValueOrDefault(e.Id) ?? []).Distinct(StringComparer.Ordinal)],
            Title = e.Values("position").FirstOrDefault(),
            Vessel = vessel,
            Addresses = [.. e.Values("address").Select(a => new Address(a, null, null, null)), .. countries],
            DatesOfBirth = dates,
            PlacesOfBirth = [.. e.Values("birthPlace")],
            Nationalities = [.. e.Values("nationality").Select(CountryName)],
            Citizenships = [.. e.Values("citizenship").Select(CountryName)],
            Gender = e.Values("gender").FirstOrDefault(),
            Documents = documents,
            Websites = [.. e.Values("website")],
            Emails = [.. e.Values("email")],
            ListedOn = listed.TryGetValue(e.Id, out var on) ? on : e.FirstSeen,
            LastUpdated = e.LastChange,
            OtherFacts = other,
            SourceRecords = [new SourceRecord(fileName, line, [new("id", e.Id), new("schema", e.Schema), .. e.Properties.Select(p => new KeyValuePair<string, string>(p.Key, string.Join("; ", p.Value)))])],
        };
    }

    private static ListFormatException NothingToScreen(string sourceId, string fileName, long lines) => new(sourceId, fileName, null, lines == 0
        ? "the file is empty"
        : $"none of its {lines:N0} lines is a party Interdict screens ({string.Join(", ", FtmSchema.Screened.Keys)}); is this an FtM entities file?");

    private static string? ReadLine(StreamReader reader, string sourceId, string fileName, long line)
    {
        try
        {
            return reader.ReadLine();
        }
        catch (DecoderFallbackException ex)
        {
            throw new ListFormatException(sourceId, fileName, line, $"the file is not UTF-8 ({ex.Message})", innerException: ex);
        }
    }

    // FtM writes countries as lower-case ISO codes; entities carry names, as the other lists publish them.
    private static string CountryName(string code) => Countries.TryResolve(code, out var c) ? c.Name : code;

    private static string SchemaOf(string sourceId, string fileName, long line, string text) => Parse(sourceId, fileName, line, text).Schema;

    private static FtmEntity Parse(string sourceId, string fileName, long line, string text)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new ListFormatException(sourceId, fileName, line, $"not a JSON entity ({ex.Message}); each line must be one FtM entity object", innerException: ex);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ListFormatException(sourceId, fileName, line, "not a JSON object; each line must be one FtM entity");
            }

            string? Str(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var id = Str("id");
            var schema = Str("schema");
            if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(schema))
            {
                throw new ListFormatException(sourceId, fileName, line, $"the entity has no {(string.IsNullOrWhiteSpace(id) ? "id" : "schema")}; every FtM entity has an id and a schema");
            }

            var properties = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            if (root.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in props.EnumerateObject())
                {
                    if (p.Value.ValueKind != JsonValueKind.Array)
                    {
                        throw new ListFormatException(sourceId, fileName, line, $"property '{p.Name}' is not a list of values", id);
                    }

                    // Nested entities (yente's expanded form) give their id.
                    properties[p.Name] = [.. p.Value.EnumerateArray().Select(v => v.ValueKind switch
                    {
                        JsonValueKind.String => v.GetString()!,
                        JsonValueKind.Object when v.TryGetProperty("id", out var nested) && nested.ValueKind == JsonValueKind.String => nested.GetString()!,
                        _ => v.GetRawText(),
                    })];
                }
            }

            var datasets = root.TryGetProperty("datasets", out var ds) && ds.ValueKind == JsonValueKind.Array
                ? ds.EnumerateArray().Where(d => d.ValueKind == JsonValueKind.String).Select(d => d.GetString()!).ToList()
                : [];
            bool? target = root.TryGetProperty("target", out var t) && t.ValueKind is JsonValueKind.True or JsonValueKind.False ? t.GetBoolean() : null;
            return new FtmEntity(id, schema, Str("caption"), properties, datasets, target, Day(Str("first_seen")), Day(Str("last_change")));
        }
    }

    private static DateOnly? Day(string? timestamp) =>
        timestamp is { Length: >= 10 } && DateOnly.TryParseExact(timestamp[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex DatasetName();

    private sealed record FtmEntity(string Id, string Schema, string? Caption, Dictionary<string, List<string>> Properties, List<string> Datasets, bool? Target,
        DateOnly? FirstSeen, DateOnly? LastChange)
    {
        public IEnumerable<string> Values(string property) =>
            Properties.TryGetValue(property, out var v) ? v.Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => x.Trim()) : [];
    }
}
