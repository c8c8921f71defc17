using System.Text;

namespace Interdict.Payments;

/// <summary>One raw payment message, as a file, a request or a queue delivers it: ISO 20022 XML or SWIFT MT text, told apart by its first character.</summary>
public static class PaymentText
{
    /// <summary>The largest message read by default: a payment message is a few kilobytes.</summary>
    public const int DefaultMaxBytes = 1 << 20;

    /// <summary>
    /// Reads a message. Throws <see cref="PaymentFormatException"/> naming <paramref name="name"/> when it is empty,
    /// larger than <paramref name="maxBytes"/>, not UTF-8, or not a message the readers know.
    /// </summary>
    public static PaymentMessage Read(ReadOnlySpan<byte> bytes, string name, int maxBytes = DefaultMaxBytes)
    {
        if (bytes.Length > maxBytes)
        {
            throw new PaymentFormatException(name, "message", $"larger than {maxBytes:N0} bytes; a payment message is far smaller");
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new PaymentFormatException(name, "message", "not UTF-8 text (a payment message is UTF-8; is it in another encoding?)");
        }

        var trimmed = text.TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
        if (trimmed.Length == 0)
        {
            throw new PaymentFormatException(name, "message", "empty");
        }

        return trimmed.StartsWith('<') ? Iso20022Reader.Read(bytes.ToArray(), name) : MtReader.Read(trimmed, name);
    }
}
