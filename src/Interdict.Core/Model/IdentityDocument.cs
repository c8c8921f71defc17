namespace Interdict.Core.Model;

/// <summary>The family of an identifier, for weighing evidence.</summary>
public enum DocumentKind
{
    /// <summary>Any other identifier (registration numbers, licences, phone numbers...).</summary>
    Other = 0,

    /// <summary>A passport, including diplomatic and service passports.</summary>
    Passport,

    /// <summary>A national identity number or card (cedula, D.N.I., CURP...).</summary>
    NationalId,

    /// <summary>A tax identification number (Tax ID, INN, R.F.C., NIT, RUC...).</summary>
    TaxId,

    /// <summary>A company or business registration number.</summary>
    Registration,

    /// <summary>An IMO ship or company number.</summary>
    Imo,

    /// <summary>A Maritime Mobile Service Identity.</summary>
    Mmsi,

    /// <summary>A SWIFT/BIC code.</summary>
    SwiftBic,

    /// <summary>An aircraft's manufacturer serial number, tail number or similar.</summary>
    Aircraft,
}

/// <summary>An identifier published for an entity.</summary>
/// <param name="Kind">The family of the identifier.</param>
/// <param name="Label">The publisher's label, e.g. <c>Diplomatic Passport</c>.</param>
/// <param name="Number">The identifier as published.</param>
/// <param name="Country">The issuing country, when given.</param>
/// <param name="Note">Any further text (issue or expiry date).</param>
public sealed record IdentityDocument(DocumentKind Kind, string Label, string Number, string? Country, string? Note)
{
    /// <summary>The number reduced to upper-case letters and digits, for exact comparison.</summary>
    public string NormalizedNumber { get; } = NormalizeNumber(Number);

    /// <summary>Reduces an identifier to upper-case ASCII letters and digits.</summary>
    public static string NormalizeNumber(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        return string.Create(number.Count(char.IsAsciiLetterOrDigit), number, static (span, source) =>
        {
            var i = 0;
            foreach (var c in source)
            {
                if (char.IsAsciiLetterOrDigit(c))
                {
                    span[i++] = char.ToUpperInvariant(c);
                }
            }
        });
    }
}
