using System.Globalization;

namespace Interdict.Core.Model;

/// <summary>A date known to the year, the month or the day, as sanctions lists publish them.</summary>
public readonly record struct PartialDate : IComparable<PartialDate>
{
    /// <summary>Creates a date; month and day may be unknown, but a day needs a month.</summary>
    public PartialDate(int year, int? month = null, int? day = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        if (month is { } m)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(m, 1, nameof(month));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(m, 12, nameof(month));
        }

        if (day is { } d)
        {
            if (month is null)
            {
                throw new ArgumentException("A day needs a month.", nameof(day));
            }

            ArgumentOutOfRangeException.ThrowIfLessThan(d, 1, nameof(day));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(d, DateTime.DaysInMonth(year, month.Value), nameof(day));
        }

        Year = year;
        Month = month;
        Day = day;
    }

    /// <summary>The year.</summary>
    public int Year { get; }

    /// <summary>The month, when known.</summary>
    public int? Month { get; }

    /// <summary>The day of the month, when known.</summary>
    public int? Day { get; }

    /// <summary>The first calendar day this partial date can mean.</summary>
    public DateOnly Earliest => new(Year, Month ?? 1, Day ?? 1);

    /// <summary>The last calendar day this partial date can mean.</summary>
    public DateOnly Latest => new(Year, Month ?? 12, Day ?? DateTime.DaysInMonth(Year, Month ?? 12));

    /// <summary>Parses <c>YYYY</c>, <c>YYYY-MM</c> or <c>YYYY-MM-DD</c>.</summary>
    public static bool TryParse(string? text, out PartialDate date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Trim().Split('-');
        if (parts.Length > 3 || parts[0].Length != 4)
        {
            return false;
        }

        var values = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length is 0 or > 4 || !int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out values[i]))
            {
                return false;
            }
        }

        var year = values[0];
        int? month = values.Length > 1 ? values[1] : null;
        int? day = values.Length > 2 ? values[2] : null;
        if (year < 1 || month is < 1 or > 12 || (day is { } d && (d < 1 || d > DateTime.DaysInMonth(year, month!.Value))))
        {
            return false;
        }

        date = new PartialDate(year, month, day);
        return true;
    }

    /// <summary>
    /// Parses what messy systems send: <c>YYYY</c>, <c>YYYY-MM</c>, <c>YYYY-MM-DD</c> (also with <c>/</c> or <c>.</c>),
    /// <c>11 Mar 1957</c>, <c>Mar 1957</c>, <c>March 11, 1957</c>. Day-first or month-first numeric dates
    /// (<c>03/11/1957</c>) are ambiguous and are refused rather than guessed.
    /// </summary>
    public static bool TryParseFlexible(string? text, out PartialDate date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim();
        if (t.Length >= 4 && char.IsAsciiDigit(t[0]) && char.IsAsciiDigit(t[3]) && TryParse(t.Replace('/', '-').Replace('.', '-'), out date))
        {
            return true;
        }

        var words = t.Replace(",", " ", StringComparison.Ordinal).Replace(".", " ", StringComparison.Ordinal)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int? day = null;
        int? month = null;
        int? year = null;
        foreach (var w in words)
        {
            if (w.Length == 4 && int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && year is null)
            {
                year = y;
            }
            else if (w.Length <= 2 && int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out var d) && day is null)
            {
                day = d;
            }
            else if (w.Length >= 3 && MonthOf(w) is { } m && month is null)
            {
                month = m;
            }
            else
            {
                return false;
            }
        }

        if (year is not { } yy || yy < 1 || (day is not null && month is null))
        {
            return false;
        }

        if (day is { } dd && (dd < 1 || dd > DateTime.DaysInMonth(yy, month!.Value)))
        {
            return false;
        }

        date = new PartialDate(yy, month, day);
        return true;
    }

    private static int? MonthOf(string word)
    {
        string[] months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
        var lower = word.ToLowerInvariant();
        for (var i = 0; i < months.Length; i++)
        {
            if (lower.StartsWith(months[i], StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        return null;
    }

    /// <summary>Formats as <c>YYYY</c>, <c>YYYY-MM</c> or <c>YYYY-MM-DD</c>.</summary>
    public override string ToString() => (Month, Day) switch
    {
        (null, _) => Year.ToString("D4", CultureInfo.InvariantCulture),
        ({ } m, null) => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{m:D2}"),
        ({ } m, { } d) => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{m:D2}-{d:D2}"),
    };

    /// <inheritdoc />
    public int CompareTo(PartialDate other) => Earliest.CompareTo(other.Earliest);

    /// <summary>Compares two dates by their earliest day.</summary>
    public static bool operator <(PartialDate left, PartialDate right) => left.CompareTo(right) < 0;

    /// <summary>Compares two dates by their earliest day.</summary>
    public static bool operator >(PartialDate left, PartialDate right) => left.CompareTo(right) > 0;

    /// <summary>Compares two dates by their earliest day.</summary>
    public static bool operator <=(PartialDate left, PartialDate right) => left.CompareTo(right) <= 0;

    /// <summary>Compares two dates by their earliest day.</summary>
    public static bool operator >=(PartialDate left, PartialDate right) => left.CompareTo(right) >= 0;
}
