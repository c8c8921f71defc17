namespace Interdict.Lists;

/// <summary>Small helpers the source mappers share for turning published fields into model values.</summary>
internal static class Fields
{
    /// <summary>The non-blank parts joined with ", " (an address, a place of birth), or null when every part is blank.</summary>
    public static string? JoinNonBlank(params string?[] parts) =>
        parts.Where(p => !string.IsNullOrWhiteSpace(p)).ToList() is { Count: > 0 } list ? string.Join(", ", list) : null;
}
