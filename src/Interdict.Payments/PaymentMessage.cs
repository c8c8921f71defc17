using Interdict.Core;

namespace Interdict.Payments;

/// <summary>A party or an agent of a payment, as the message gives it, with where each part was read.</summary>
/// <param name="Role">Its role: debtor, creditor, ultimate debtor, debtor agent, intermediary agent, …</param>
/// <param name="Path">Where it sits, e.g. <c>CdtTrfTxInf/Cdtr</c> or <c>:59:</c>.</param>
/// <param name="Name">Its name, when given.</param>
/// <param name="NamePath">Where the name was read, e.g. <c>CdtTrfTxInf/Cdtr/Nm</c> or <c>:59: line 2</c>.</param>
/// <param name="Bic">Its BIC, when given.</param>
/// <param name="Country">Its address's country (ISO code), when given.</param>
/// <param name="AddressLines">Its address's other lines (town, street, unstructured lines), each with where it was read.</param>
public sealed record PaymentParty(string Role, string Path, string? Name, string? NamePath, string? Bic, string? Country, IReadOnlyList<(string Path, string Value)> AddressLines);

/// <summary>One payment message read: its parties and agents, and its free text, each with its field path.</summary>
/// <param name="File">The file it came from.</param>
/// <param name="MessageId">The message's own id (<c>GrpHdr/MsgId</c>, MT field 20).</param>
/// <param name="Format">e.g. <c>pacs.008.001.08</c>, <c>MT103</c>.</param>
/// <param name="Parties">Every party and agent.</param>
/// <param name="Texts">The free text: remittance information, purpose, instructions, MT fields 70 and 72.</param>
public sealed record PaymentMessage(string File, string MessageId, string Format, IReadOnlyList<PaymentParty> Parties, IReadOnlyList<(string Path, string Value)> Texts);

/// <summary>A message that cannot be read: names the message and the field or line.</summary>
public sealed class PaymentFormatException : InterdictException
{
    /// <summary>Creates the exception.</summary>
    public PaymentFormatException(string file, string where, string problem)
        : base($"{file}: {where}: {problem}")
    {
    }

    /// <summary>Creates the exception.</summary>
    public PaymentFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PaymentFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public PaymentFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
