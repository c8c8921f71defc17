using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Interdict.Core;

namespace Interdict.Monitoring;

/// <summary>A monitored party (a customer, or a company in its ownership chain), as the screening input's columns.</summary>
/// <param name="Id">The caller's id for it.</param>
/// <param name="Name">Its name.</param>
/// <param name="Type">person, organization, vessel or aircraft (as written).</param>
/// <param name="Dob">Date of birth (as written).</param>
/// <param name="Country">Country (as written).</param>
/// <param name="Identifier">A passport, ID, registration or IMO number.</param>
public sealed record Party(string Id, string Name, string? Type = null, string? Dob = null, string? Country = null, string? Identifier = null)
{
    /// <summary>A hash of its screened fields: a party whose hash changed is screened again.</summary>
    public string Hash => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', Name, Type, Dob, Country, Identifier))))[..16];
}

/// <summary>A share one party holds in another.</summary>
/// <param name="OwnerId">The owner's id.</param>
/// <param name="OwnedId">The owned party's id.</param>
/// <param name="Percent">The share, 0 to 100.</param>
public sealed record OwnershipLink(string OwnerId, string OwnedId, double Percent);

/// <summary>A registry file that cannot be imported: every bad row, with its file and line.</summary>
public sealed class RegistryFileException : InterdictException
{
    /// <summary>Creates the exception from the problems found.</summary>
    public RegistryFileException(IReadOnlyList<string> problems)
        : base($"{problems.Count} problem(s); nothing was imported:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems))
    {
        Problems = problems;
    }

    /// <summary>Creates the exception.</summary>
    public RegistryFileException()
    {
        Problems = [];
    }

    /// <summary>Creates the exception with a message.</summary>
    public RegistryFileException(string message)
        : base(message)
    {
        Problems = [message];
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public RegistryFileException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>Each problem, naming its file and line.</summary>
    public IReadOnlyList<string> Problems { get; }
}

/// <summary>
/// Reads the registry's CSV files: parties (<c>id,name[,type,dob,country,identifier]</c>) and ownership links
/// (<c>owner_id,owned_id,percent</c>). A file is read whole and checked before anything is stored: a row with no id
/// or no name, a repeated id, a percent outside 0–100 or a link to an id that is neither in the file nor in the
/// registry refuses the import, every problem named with its file and line.
/// </summary>
public static class RegistryCsv
{
    /// <summary>Reads a parties file.</summary>
    public static IReadOnlyList<Party> ReadParties(string path)
    {
        var problems = new List<string>();
        var parties = new List<Party>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (line, get) in Rows(path, ["id", "name"], ["type", "dob", "country", "identifier"], problems))
        {
            if (RegistryRules.Party($"{path}, line {line}", $"line {line}", get("id"), get("name"), get("type"), get("dob"), get("country"), get("identifier"), seen, problems) is { } party)
            {
                parties.Add(party);
            }
        }

        return problems.Count > 0 ? throw new RegistryFileException(problems) : parties;
    }

    /// <summary>Reads an ownership file; <paramref name="known"/> says whether an id is a party (in the import or the registry).</summary>
    public static IReadOnlyList<OwnershipLink> ReadLinks(string path, Func<string, bool> known)
    {
        ArgumentNullException.ThrowIfNull(known);
        var problems = new List<string>();
        var links = new List<OwnershipLink>();
        foreach (var (line, get) in Rows(path, ["owner_id", "owned_id", "percent"], [], problems))
        {
            if (RegistryRules.Link($"{path}, line {line}", get("owner_id"), get("owned_id"), get("percent"), known, problems) is { } link)
            {
                links.Add(link);
            }
        }

        RegistryRules.Totals(path, links, problems);

        return problems.Count > 0 ? throw new RegistryFileException(problems) : links;
    }

    private static IEnumerable<(long Line, Func<string, string?> Get)> Rows(string path, string[] required, string[] optional, List<string> problems)
    {
        if (!File.Exists(path))
        {
            throw new RegistryFileException([$"{path}: file not found"]);
        }

        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { MissingFieldFound = null, DetectDelimiter = false, BadDataFound = null };
        using var csv = new CsvReader(reader, config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 })
        {
            throw new RegistryFileException([$"{path}, line 1: the file is empty; expected a header with {string.Join(",", required)}"]);
        }

        var header = csv.HeaderRecord.Select(h => h.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToArray();
        var missing = required.Where(r => Array.IndexOf(header, r) < 0).ToList();
        if (missing.Count > 0)
        {
            throw new RegistryFileException([$"{path}, line 1: the header has no {string.Join(", ", missing)} column (found: {string.Join(",", header)}); expected {string.Join(",", required.Concat(optional))}"]);
        }

        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            if (csv.Parser.Count > header.Length)
            {
                problems.Add($"{path}, line {line}: {csv.Parser.Count} fields where the header has {header.Length} (a name with a comma must be quoted)");
                continue;
            }

            var fields = Enumerable.Range(0, csv.Parser.Count).Select(i => csv.GetField(i)).ToArray();
            yield return (line, column =>
            {
                var i = Array.IndexOf(header, column);
                var v = i >= 0 && i < fields.Length ? fields[i] : null;
                return string.IsNullOrWhiteSpace(v) ? null : v.Trim();
            });
        }
    }
}

/// <summary>The checks every door into the registry applies (the CLI's CSV files, the server's JSON): one rule set.</summary>
public static class RegistryRules
{
    /// <summary>A party from its fields, or null with the problem added (<paramref name="where"/> names the row).</summary>
    public static Party? Party(string where, string firstSeenAs, string? id, string? name, string? type, string? dob, string? country, string? identifier,
        Dictionary<string, string> seen, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(seen);
        ArgumentNullException.ThrowIfNull(problems);
        if (string.IsNullOrWhiteSpace(id))
        {
            problems.Add($"{where}: the id is empty");
            return null;
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            problems.Add($"{where}: party '{id}' has no name");
            return null;
        }

        if (seen.TryGetValue(id, out var first))
        {
            problems.Add($"{where}: id '{id}' is given again (first on {first})");
            return null;
        }

        seen[id] = firstSeenAs;
        return new Party(id.Trim(), name.Trim(), Blank(type), Blank(dob), Blank(country), Blank(identifier));
    }

    /// <summary>An ownership link from its fields, or null with the problem added.</summary>
    public static OwnershipLink? Link(string where, string? owner, string? owned, string? percentText, Func<string, bool> known, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(problems);
        if (string.IsNullOrWhiteSpace(owner) || string.IsNullOrWhiteSpace(owned))
        {
            problems.Add($"{where}: owner_id and owned_id are required");
            return null;
        }

        if (!double.TryParse(percentText?.Trim().TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) || percent is < 0 or > 100 || !double.IsFinite(percent))
        {
            problems.Add($"{where}: percent '{percentText}' is not a number from 0 to 100");
            return null;
        }

        foreach (var id in new[] { owner, owned }.Where(id => !known(id)))
        {
            problems.Add($"{where}: '{id}' is not a party of the registry or of this import");
        }

        if (owner == owned)
        {
            problems.Add($"{where}: '{owner}' cannot own itself");
            return null;
        }

        return new OwnershipLink(owner, owned, percent);
    }

    /// <summary>Adds a problem for each party whose owners' shares add up to more than 100%.</summary>
    public static void Totals(string where, IEnumerable<OwnershipLink> links, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        foreach (var over in (links ?? []).GroupBy(l => l.OwnedId).Where(g => g.Sum(l => l.Percent) > 100.0001))
        {
            problems.Add($"{where}: the shares in '{over.Key}' add up to {over.Sum(l => l.Percent).ToString("0.##", CultureInfo.InvariantCulture)}%, more than 100%");
        }
    }

    private static string? Blank(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();
}
