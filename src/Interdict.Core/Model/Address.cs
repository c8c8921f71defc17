namespace Interdict.Core.Model;

/// <summary>A published address; any part may be missing.</summary>
/// <param name="Street">Street lines.</param>
/// <param name="City">City, state or province, postal code.</param>
/// <param name="Country">Country, as published.</param>
/// <param name="Note">Further remarks on the address.</param>
public sealed record Address(string? Street, string? City, string? Country, string? Note)
{
    /// <summary>The address on one line, parts separated by commas.</summary>
    public override string ToString() => string.Join(", ", new[] { Street, City, Country, Note }.Where(p => !string.IsNullOrWhiteSpace(p)));
}
