namespace Interdict.Core.Model;

/// <summary>One file of a list publication, read whole into memory (the store keeps these bytes).</summary>
/// <param name="Name">The file name, e.g. <c>sdn.csv</c>; companions are recognised by it.</param>
/// <param name="Bytes">The uncompressed content.</param>
/// <param name="PublicationDate">This file's own publication date when known from outside it (a manifest).</param>
public sealed record ListFileContent(string Name, byte[] Bytes, DateOnly? PublicationDate = null);
