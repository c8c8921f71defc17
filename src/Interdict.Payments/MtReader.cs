using System.Text.RegularExpressions;

namespace Interdict.Payments;

/// <summary>
/// Reads SWIFT MT 103 and 202 (and 202 COV) messages: blocks 1 to 5, block 4's fields by tag and option. Parties:
/// 50a (ordering customer), 59a (beneficiary), and in a COV the underlying customers; agents 52a–57a; free text 70
/// and 72. A line <c>/ACCOUNT</c> is an account, not a name; option A carries a BIC; option F numbered lines
/// (<c>1/NAME</c>, <c>2/ADDRESS</c>, <c>3/CC/TOWN</c>). LF and CRLF line ends are read alike.
/// </summary>
public static partial class MtReader
{
    private static readonly Dictionary<string, string> Roles = new(StringComparer.Ordinal)
    {
        ["50"] = "ordering customer", ["59"] = "beneficiary customer", ["52"] = "ordering institution", ["53"] = "sender's correspondent",
        ["54"] = "receiver's correspondent", ["55"] = "third reimbursement institution", ["56"] = "intermediary institution", ["57"] = "account with institution",
        ["58"] = "beneficiary institution", ["51"] = "sending institution",
    };

    private static readonly string[] KnownTags = ["13C", "20", "21", "23B", "23E", "26T", "32A", "33B", "36", "50A", "50F", "50K", "51A", "52A", "52D", "53A", "53B", "53D",
        "54A", "54B", "54D", "55A", "55B", "55D", "56A", "56C", "56D", "57A", "57B", "57C", "57D", "58A", "58D", "59", "59A", "59F", "70", "71A", "71F", "71G", "72", "77B", "77T"];

    /// <summary>Reads one message.</summary>
    public static PaymentMessage Read(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        var body = text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        var block2 = Block2().Match(body);
        if (!body.StartsWith("{1:", StringComparison.Ordinal) || !block2.Success)
        {
            throw new PaymentFormatException(file, "blocks", "not a SWIFT MT message: it must start with block {1:…} followed by {2:…}");
        }

        var type = block2.Groups["type"].Value;
        if (type is not ("103" or "202"))
        {
            throw new PaymentFormatException(file, "block 2", $"MT{type} is not a message Interdict reads (MT103, MT202, MT202 COV)");
        }

        var start = body.IndexOf("{4:", StringComparison.Ordinal);
        var end = start < 0 ? -1 : body.IndexOf("\n-}", start, StringComparison.Ordinal);
        if (start < 0 || end < 0)
        {
            throw new PaymentFormatException(file, "block 4", "the text block {4: … -} is missing or not closed (cut off?)");
        }

        var lines = body[(start + 3)..end].Split('\n');
        var fields = new List<(string Tag, int Line, List<string> Lines)>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0 && fields.Count == 0)
            {
                continue;
            }

            var m = Field().Match(line);
            if (m.Success)
            {
                var tag = m.Groups["tag"].Value;
                if (!KnownTags.Contains(tag))
                {
                    throw new PaymentFormatException(file, $"block 4 line {i + 1}", $"field :{tag}: is not a field of MT{type}");
                }

                fields.Add((tag, i + 1, [m.Groups["value"].Value]));
            }
            else if (fields.Count > 0)
            {
                fields[^1].Lines.Add(line);
            }
            else
            {
                throw new PaymentFormatException(file, $"block 4 line {i + 1}", $"'{line}' is not a field (:TAG:value)");
            }
        }

        var parties = new List<PaymentParty>();
        var texts = new List<(string, string)>();
        foreach (var (tag, _, values) in fields)
        {
            var number = tag[..2];
            var option = tag.Length > 2 ? tag[2..] : "";
            if (number is "70" or "72" or "77")
            {
                texts.Add(($":{tag}:", string.Join(' ', values.Select(v => v.Trim()))));
                continue;
            }

            if (!Roles.TryGetValue(number, out var role))
            {
                continue;
            }

            string? name = null, namePath = null, bic = null, country = null;
            var address = new List<(string, string)>();
            for (var j = 0; j < values.Count; j++)
            {
                var v = values[j].Trim();
                var where = $":{tag}: line {j + 1}";
                if (v.Length == 0 || (j == 0 && v.StartsWith('/')))
                {
                    continue; // an account
                }

                if (option == "A" || (option.Length == 0 && number != "59" && Bic().IsMatch(v)))
                {
                    bic ??= Bic().IsMatch(v) ? v : null;
                    continue;
                }

                if (option == "F" && NumberedLine().Match(v) is { Success: true } f)
                {
                    var content = f.Groups["content"].Value;
                    switch (f.Groups["n"].Value)
                    {
                        case "1":
                            (name, namePath) = name is null ? (content, where) : ($"{name} {content}", namePath);
                            break;
                        case "3" when CountryTown().Match(content) is { Success: true } ct:
                            country = ct.Groups["cc"].Value;
                            address.Add((where, ct.Groups["town"].Value));
                            break;
                        default:
                            address.Add((where, content));
                            break;
                    }

                    continue;
                }

                if (name is null)
                {
                    (name, namePath) = (v, where);
                }
                else
                {
                    address.Add((where, v));
                }
            }

            parties.Add(new PaymentParty(role, $":{tag}:", name, namePath, bic, country, address));
        }

        var reference = fields.FirstOrDefault(f => f.Tag == "20").Lines?.FirstOrDefault()?.Trim() ?? "";
        var cov = body.Contains("{119:COV}", StringComparison.Ordinal) ? " COV" : "";
        return new PaymentMessage(file, reference, $"MT{type}{cov}", parties, texts);
    }

    [GeneratedRegex(@"\{2:[IO](?<type>\d{3})")]
    private static partial Regex Block2();

    [GeneratedRegex(@"^:(?<tag>\d{2}[A-Z]?):(?<value>.*)$")]
    private static partial Regex Field();

    [GeneratedRegex(@"^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$")]
    private static partial Regex Bic();

    [GeneratedRegex(@"^(?<n>[1-8])/(?<content>.*)$")]
    private static partial Regex NumberedLine();

    [GeneratedRegex(@"^(?<cc>[A-Z]{2})/(?<town>.+)$")]
    private static partial Regex CountryTown();
}
