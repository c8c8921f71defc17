namespace Interdict.Lists;

/// <summary>Describes a list source: a stable id, the publisher's URL and the format.</summary>
/// <param name="Id">Stable list id, e.g. <c>ofac-sdn</c>. Never changes once published.</param>
/// <param name="Title">Human title.</param>
/// <param name="Publisher">Who publishes it.</param>
/// <param name="OfficialUrl">Where the publisher serves it.</param>
/// <param name="Format">The file format read.</param>
public sealed record ListSource(string Id, string Title, string Publisher, Uri OfficialUrl, string Format);
