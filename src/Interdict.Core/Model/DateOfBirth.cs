namespace Interdict.Core.Model;

/// <summary>
/// A published date of birth: one partial date, or a range (<c>1962 to 1963</c>), possibly approximate (<c>circa 1956</c>).
/// </summary>
/// <param name="From">The first possible date.</param>
/// <param name="To">The last possible date (equal to <paramref name="From"/> for a single date).</param>
/// <param name="Circa">The publisher said the date is approximate.</param>
/// <param name="Alternative">The publisher listed it as an alternative ("alt. DOB").</param>
/// <param name="Text">The date as published.</param>
public sealed record DateOfBirth(PartialDate From, PartialDate To, bool Circa, bool Alternative, string Text)
{
    /// <summary>How many years either side of a "circa" date still count as consistent.</summary>
    public const int CircaToleranceYears = 2;

    /// <summary>The first calendar day the published date allows.</summary>
    public DateOnly Earliest => Circa ? From.Earliest.AddYears(-CircaToleranceYears) : From.Earliest;

    /// <summary>The last calendar day the published date allows.</summary>
    public DateOnly Latest => Circa ? To.Latest.AddYears(CircaToleranceYears) : To.Latest;

    /// <summary>True when some day in <paramref name="date"/> falls within this date of birth.</summary>
    public bool Overlaps(PartialDate date) => date.Earliest <= Latest && date.Latest >= Earliest;
}
