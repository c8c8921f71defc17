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
