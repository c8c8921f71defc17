using System.IO.Compression;

namespace Interdict.Core.Store;

/// <summary>How list stores keep a version's files: gzip, decompressed on reading to the bytes imported.</summary>
internal static class StoredFileCompression
{
    /// <summary>The gzip form of <paramref name="bytes"/>.</summary>
    public static byte[] Compress(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return buffer.ToArray();
    }

    /// <summary>The bytes a <see cref="Compress"/> result holds.</summary>
    public static byte[] Decompress(byte[] bytes)
    {
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        return buffer.ToArray();
    }
}
