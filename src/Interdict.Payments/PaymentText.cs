using System.Text;

namespace Interdict.Payments;

/// <summary>Raw payment messages, as a file, a request or a queue delivers them: ISO 20022 XML or SWIFT MT text, told apart by their first character.</summary>
public static class PaymentText
{
    /// <summary>The largest message read by default: a payment message is a few kilobytes.</summary>
    public const int DefaultMaxBytes = 1 << 20;

    /// <summary>
    /// Reads one message. Throws <see cref="PaymentFormatException"/> naming <paramref name="name"/> when it is empty,
    /// larger than <paramref name="maxBytes"/>, not UTF-8, or not a message the readers know.
    /// </summary>
    public static PaymentMessage Read(ReadOnlySpan<byte> bytes, string name, int maxBytes = DefaultMaxBytes)
    {
        // Checked as bytes (size, UTF-8, where the message starts): XML is read from the bytes, only MT needs the text.
        Check(bytes, name, maxBytes);
        var start = Start(bytes);
        if (start == bytes.Length)
        {
            throw new PaymentFormatException(name, "message", "empty");
        }

        return bytes[start] == (byte)'<' ? Iso20022Reader.Read(bytes.ToArray(), name) : MtReader.Read(Utf8.GetString(bytes[start..]), name);
    }

    // Where the message starts: after any byte-order marks and leading white space.
    private static int Start(ReadOnlySpan<byte> bytes)
    {
        var start = 0;
        while (start < bytes.Length)
        {
            if (bytes[start..].StartsWith("\uFEFF"u8))
            {
                start += 3;
            }
            else if (bytes[start] is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t')
            {
                start++;
            }
            else
            {
                break;
            }
        }

        return start;
    }

    private static readonly UTF8Encoding Utf8 = new(false, throwOnInvalidBytes: true);

    private static void Check(ReadOnlySpan<byte> bytes, string name, int maxBytes)
    {
        if (bytes.Length > maxBytes)
        {
            throw new PaymentFormatException(name, "message", $"larger than {maxBytes:N0} bytes; a payment message is far smaller");
        }

        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            throw new PaymentFormatException(name, "message", "not UTF-8 text (a payment message is UTF-8; is it in another encoding?)");
        }
    }

    /// <summary>
    /// Reads every message of a file: one ISO 20022 message, or SWIFT MT messages separated by <c>$</c> (an .rje file;
    /// a service message, an ACK in block 1 F21, before a message is skipped). Each comes with its name (the file's, or
    /// "FILE (message N)") and either the message or why it cannot be read.
    /// </summary>
    public static IEnumerable<(string Name, PaymentMessage? Message, string? Error)> ReadAll(byte[] bytes, string name, int maxBytes = DefaultMaxBytes)
    {
        string text;
        try
        {
            text = Decode(bytes, name, maxBytes);
        }
        catch (PaymentFormatException ex)
        {
            return [(name, null, ex.Message)];
        }

        if (text.StartsWith('<'))
        {
            return [Try(name, () => Iso20022Reader.Read(bytes, name))];
        }

        var parts = text.Split('$', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Select((part, i) =>
        {
            var partName = parts.Length == 1 ? name : $"{name} (message {i + 1})";
            var message = part.StartsWith("{1:F21", StringComparison.Ordinal) && part.IndexOf("{1:F01", StringComparison.Ordinal) is var k and > 0 ? part[k..] : part;
            return Try(partName, () => MtReader.Read(message, partName));
        });
    }

    // The message as text without a byte-order mark or leading white space (empty if that is all); or why it is no
    // message.
    private static string Decode(ReadOnlySpan<byte> bytes, string name, int maxBytes)
    {
        Check(bytes, name, maxBytes);
        return Utf8.GetString(bytes[Start(bytes)..]);
    }

    private static (string Name, PaymentMessage? Message, string? Error) Try(string name, Func<PaymentMessage> read)
    {
        try
        {
            return (name, read(), null);
        }
        catch (PaymentFormatException ex)
        {
            return (name, null, ex.Message);
        }
    }
}
