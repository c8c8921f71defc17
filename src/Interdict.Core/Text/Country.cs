namespace Interdict.Core.Text;

/// <summary>A country or territory from the reference data.</summary>
/// <param name="Alpha2">ISO 3166-1 alpha-2 code (or a user-assigned code such as <c>XK</c>).</param>
/// <param name="Alpha3">ISO 3166-1 alpha-3 code.</param>
/// <param name="Name">English short name.</param>
public sealed record Country(string Alpha2, string Alpha3, string Name);
