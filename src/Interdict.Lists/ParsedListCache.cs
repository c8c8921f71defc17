using System.Text;
using Interdict.Core.Model;

namespace Interdict.Lists;

/// <summary>
/// Parsed lists kept on disk in a compact binary form, so that a list already read once loads without decompressing,
/// hashing and parsing its files again (the CLI reads the bundled lists on every run). An entry is named after what
/// determines its content: the source, the files' SHA-256 and the build of the parsers (their assemblies' module
/// version ids), so a new list version or a new build of Interdict never reads an old entry. An entry that cannot be
/// read is ignored and the files are parsed; entries are written to a temporary file and renamed into place.
/// </summary>
public static class ParsedListCache
{
    private const int FormatVersion = 3;

    private static readonly string Build = string.Concat(typeof(ParsedListCache).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12], "-",
        typeof(WatchList).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12]);

    /// <summary>
    /// The folder of the cache: <c>INTERDICT_CACHE</c> when set (empty or <c>off</c> turns the cache off), else
    /// <c>$XDG_CACHE_HOME/interdict</c> or <c>~/.cache/interdict</c>; null when off or no home folder is known.
    /// </summary>
    public static string? Directory
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("INTERDICT_CACHE");
            if (configured is not null)
            {
                return configured.Length == 0 || configured.Equals("off", StringComparison.OrdinalIgnoreCase) ? null : configured;
            }

            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            if (!string.IsNullOrEmpty(xdg))
            {
                return Path.Combine(xdg, "interdict");
            }

            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".cache", "interdict");
        }
    }

    /// <summary>
    /// The list of <paramref name="sourceId"/> whose files have the SHA-256 <paramref name="fileHashes"/>: from the cache
    /// when present, else from <paramref name="read"/>, then stored (when the cache folder can be written).
    /// </summary>
    public static WatchList GetOrRead(string sourceId, IEnumerable<string> fileHashes, Func<WatchList> read) => GetOrRead(sourceId, fileHashes, read, Directory);

    /// <summary>As <see cref="GetOrRead(string, IEnumerable{string}, Func{WatchList})"/>, in <paramref name="folder"/> (null: no cache).</summary>
    public static WatchList GetOrRead(string sourceId, IEnumerable<string> fileHashes, Func<WatchList> read, string? folder)
    {
        ArgumentNullException.ThrowIfNull(sourceId);
        ArgumentNullException.ThrowIfNull(fileHashes);
        ArgumentNullException.ThrowIfNull(read);
        if (folder is null)
        {
            return read();
        }

        var key = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join('\n', [sourceId, Build, FormatVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), .. fileHashes]))))[..32];
        var path = Path.Combine(folder, "parsed", $"{sourceId}-{key}.bin");
        if (File.Exists(path))
        {
            try
            {
                return ReadList(In.Open(File.ReadAllBytes(path)));
            }
            catch (Exception e) when (e is IOException or InvalidDataException or EndOfStreamException or UnauthorizedAccessException or ArgumentException or FormatException)
            {
                // A damaged or foreign entry: parse again and replace it.
            }
        }

        var list = read();
        try
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = $"{path}.{Environment.ProcessId}.tmp";
            using var writer = new Out();
            WriteList(writer, list);
            using (var file = File.Create(temporary))
            {
                writer.CopyTo(file);
            }

            File.Move(temporary, path, overwrite: true);

            // Entries of older builds or list versions: the four most recent of a source are kept.
            foreach (var old in new DirectoryInfo(Path.GetDirectoryName(path)!).GetFiles($"{sourceId}-*.bin").OrderByDescending(f => f.LastWriteTimeUtc).Skip(4))
            {
                old.Delete();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only or full disk only costs the next run a parse.
        }

        return list;
    }

    internal static void WriteList(Out w, WatchList list)
    {
        w.Write(list.Id);
        w.Write(list.Title);
        WriteDate(w, list.PublicationDate);
        WriteAll(w, list.Files, static (w, f) =>
        {
            w.Write(f.Name);
            w.Write(f.Sha256);
            WriteDate(w, f.PublicationDate);
            w.Write(f.Records);
        });
        WriteAll(w, list.Entities, WriteEntity);
        WriteStrings(w, list.Notices);
    }

    internal static WatchList ReadList(In r) => new()
    {
        Id = r.ReadString(),
        Title = r.ReadString(),
        PublicationDate = ReadDate(r),
        Files = ReadAll(r, static r => new ListFile(r.ReadString(), r.ReadString(), ReadDate(r), r.ReadInt32())),
        Entities = ReadAll(r, ReadEntity),
        Notices = ReadStrings(r),
    };

    private static void WriteEntity(Out w, Entity e)
    {
        w.Write(e.Id);
        w.Write(e.ListId);
        w.Write(e.SourceId);
        w.Write((int)e.Kind);
        w.Write(e.Name);
        WriteAll(w, e.Names, static (w, n) =>
        {
            w.Write(n.Value);
            w.Write((int)n.Type);
            w.Write((int)n.Quality);
            w.Write(n.Origin);
        });
        WriteStrings(w, e.Programs);
        WriteText(w, e.Title);
        w.Write(e.Vessel is not null);
        if (e.Vessel is { } v)
        {
            WriteText(w, v.CallSign);
            WriteText(w, v.VesselType);
            WriteText(w, v.Tonnage);
            WriteText(w, v.GrossRegisteredTonnage);
            WriteText(w, v.Flag);
            WriteText(w, v.Owner);
        }

        WriteAll(w, e.Addresses, static (w, a) =>
        {
            WriteText(w, a.Street);
            WriteText(w, a.City);
            WriteText(w, a.Country);
            WriteText(w, a.Note);
        });
        WriteAll(w, e.DatesOfBirth, static (w, d) =>
        {
            WritePartial(w, d.From);
            WritePartial(w, d.To);
            w.Write(d.Circa);
            w.Write(d.Alternative);
            w.Write(d.Text);
        });
        WriteStrings(w, e.PlacesOfBirth);
        WriteStrings(w, e.Nationalities);
        WriteStrings(w, e.Citizenships);
        WriteText(w, e.Gender);
        WriteAll(w, e.Documents, static (w, d) =>
        {
            w.Write((int)d.Kind);
            w.Write(d.Label);
            w.Write(d.Number);
            WriteText(w, d.Country);
            WriteText(w, d.Note);
        });
        WriteStrings(w, e.Websites);
        WriteStrings(w, e.Emails);
        WriteStrings(w, e.LinkedTo);
        w.Write(e.SecondarySanctions);
        WriteDate(w, e.ListedOn);
        WriteDate(w, e.LastUpdated);
        WriteStrings(w, e.OtherFacts);
        WriteAll(w, e.SourceRecords, static (w, s) =>
        {
            w.Write(s.File);
            w.Write(s.Line);
            WriteAll(w, s.Fields, static (w, f) =>
            {
                w.Write(f.Key);
                w.Write(f.Value);
            });
        });
    }

    private static Entity ReadEntity(In r) => new()
    {
        Id = r.ReadString(),
        ListId = r.ReadString(),
        SourceId = r.ReadString(),
        Kind = (EntityKind)r.ReadInt32(),
        Name = r.ReadString(),
        Names = ReadAll(r, static r => new EntityName(r.ReadString(), (NameType)r.ReadInt32(), (AliasQuality)r.ReadInt32(), r.ReadString())),
        Programs = ReadStrings(r),
        Title = ReadText(r),
        Vessel = r.ReadBoolean()
            ? new VesselDetails
            {
                CallSign = ReadText(r),
                VesselType = ReadText(r),
                Tonnage = ReadText(r),
                GrossRegisteredTonnage = ReadText(r),
                Flag = ReadText(r),
                Owner = ReadText(r),
            }
            : null,
        Addresses = ReadAll(r, static r => new Address(ReadText(r), ReadText(r), ReadText(r), ReadText(r))),
        DatesOfBirth = ReadAll(r, static r => new DateOfBirth(ReadPartial(r), ReadPartial(r), r.ReadBoolean(), r.ReadBoolean(), r.ReadString())),
        PlacesOfBirth = ReadStrings(r),
        Nationalities = ReadStrings(r),
        Citizenships = ReadStrings(r),
        Gender = ReadText(r),
        Documents = ReadAll(r, static r => new IdentityDocument((DocumentKind)r.ReadInt32(), r.ReadString(), r.ReadString(), ReadText(r), ReadText(r))),
        Websites = ReadStrings(r),
        Emails = ReadStrings(r),
        LinkedTo = ReadStrings(r),
        SecondarySanctions = r.ReadBoolean(),
        ListedOn = ReadDate(r),
        LastUpdated = ReadDate(r),
        OtherFacts = ReadStrings(r),
        SourceRecords = ReadAll(r, static r => new SourceRecord(r.ReadString(), r.ReadInt64(),
            ReadAll(r, static r => new KeyValuePair<string, string>(r.ReadString(), r.ReadString())))),
    };

    private static void WriteAll<T>(Out w, IReadOnlyList<T> items, Action<Out, T> write)
    {
        w.Write(items.Count);
        foreach (var item in items)
        {
            write(w, item);
        }
    }

    private static T[] ReadAll<T>(In r, Func<In, T> read)
    {
        var count = r.ReadInt32();
        if (count < 0 || count > 50_000_000)
        {
            throw new InvalidDataException($"implausible count {count}");
        }

        var items = new T[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = read(r);
        }

        return items;
    }

    private static void WriteStrings(Out w, IReadOnlyList<string> items) => WriteAll(w, items, static (w, s) => w.Write(s));

    private static string[] ReadStrings(In r) => ReadAll(r, static r => r.ReadString());

    private static void WriteText(Out w, string? text)
    {
        w.Write(text is not null);
        if (text is not null)
        {
            w.Write(text);
        }
    }

    private static string? ReadText(In r) => r.ReadBoolean() ? r.ReadString() : null;

    private static void WriteDate(Out w, DateOnly? date) => w.Write(date?.DayNumber ?? -1);

    private static DateOnly? ReadDate(In r) => r.ReadInt32() is >= 0 and var day ? DateOnly.FromDayNumber(day) : null;

    private static void WritePartial(Out w, PartialDate date)
    {
        w.Write(date.Year);
        w.Write(date.Month ?? 0);
        w.Write(date.Day ?? 0);
    }

    private static PartialDate ReadPartial(In r)
    {
        var (year, month, day) = (r.ReadInt32(), r.ReadInt32(), r.ReadInt32());
        return new PartialDate(year, month == 0 ? null : month, day == 0 ? null : day);
    }

    // Writes the list with every distinct string once, in a table ahead of the data that refers to it by number: lists
    // repeat field names, countries and programmes thousands of times, and reading a number is cheaper than a string.
    internal sealed class Out : IDisposable
    {
        private readonly MemoryStream _data = new();
        private readonly BinaryWriter _w;
        private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
        private readonly List<string> _table = [];

        public Out() => _w = new BinaryWriter(_data, Encoding.UTF8);

        public void Dispose()
        {
            _w.Dispose();
            _data.Dispose();
        }

        public void Write(string text)
        {
            if (!_ids.TryGetValue(text, out var id))
            {
                _ids[text] = id = _table.Count;
                _table.Add(text);
            }

            _w.Write7BitEncodedInt(id);
        }

        public void Write(int value) => _w.Write(value);

        public void Write(long value) => _w.Write(value);

        public void Write(bool value) => _w.Write(value);

        public void CopyTo(Stream stream)
        {
            using var header = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            header.Write(_table.Count);
            foreach (var text in _table)
            {
                header.Write(text);
            }

            _w.Flush();
            _data.Position = 0;
            _data.CopyTo(stream);
        }
    }

    internal sealed class In
    {
        private readonly BinaryReader _r;
        private readonly string[] _table;

        private In(BinaryReader reader, string[] table) => (_r, _table) = (reader, table);

        public static In Open(byte[] bytes)
        {
            var reader = new BinaryReader(new MemoryStream(bytes, writable: false), Encoding.UTF8);
            var count = reader.ReadInt32();
            if (count < 0 || count > bytes.Length)
            {
                throw new InvalidDataException($"implausible string count {count}");
            }

            var table = new string[count];
            for (var i = 0; i < count; i++)
            {
                table[i] = reader.ReadString();
            }

            return new In(reader, table);
        }

        public string ReadString() => _table[_r.Read7BitEncodedInt()];

        public int ReadInt32() => _r.ReadInt32();

        public long ReadInt64() => _r.ReadInt64();

        public bool ReadBoolean() => _r.ReadBoolean();
    }
}
