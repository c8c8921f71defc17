using System.Net;
using Interdict.Core;
using Interdict.Core.Model;
using Interdict.Core.Store;

namespace Interdict.Lists.Store;

/// <summary>How an update behaves.</summary>
public sealed record UpdateOptions
{
    /// <summary>The largest share of entities a new version may lose against the version in force (default 10%).</summary>
    public double MaxDrop { get; init; } = 0.10;

    /// <summary>Store the new version even when it fails the drop check.</summary>
    public bool Force { get; init; }

    /// <summary>Download from here instead of the publisher (each file by the last segment of its official URL).</summary>
    public Uri? BaseUrl { get; init; }
}

/// <summary>What an update of one source did.</summary>
/// <param name="Source">The source id.</param>
/// <param name="Succeeded">True when a version is in force that matches the publisher's current files.</param>
/// <param name="Message">What happened, for people.</param>
/// <param name="Version">The version now in force when it succeeded.</param>
public sealed record UpdateOutcome(string Source, bool Succeeded, string Message, StoredVersion? Version);

/// <summary>
/// Downloads each source's current publication, parses it completely, checks it, stores it as a new version and switches to
/// it in one transaction. Any failure (network, HTTP status, empty or truncated download, malformed file, failed check)
/// leaves the version in force as it was, and the outcome says what went wrong.
/// </summary>
public sealed class ListUpdater(ListLibrary library, HttpClient http, TimeProvider time)
{
    /// <summary>Updates one source.</summary>
    public async Task<UpdateOutcome> UpdateAsync(string source, UpdateOptions options, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (ListSources.Downloads(source).Count == 0)
        {
            // The FCDO makes its summary export on request: there is no address to fetch it from. Not a failure of the
            // other sources' update; the version in force stays, and the list's age shows when it grows stale.
            var inForce = library.InForce(source);
            return new UpdateOutcome(source, true, $"{source}: not updated: the publisher serves no file at a fixed address; import a new export with 'interdict lists import FILE --source {source} --published DATE' (in force: {inForce.Label}, published {inForce.PublicationDate:yyyy-MM-dd})", inForce.Stored);
        }

        try
        {
            var files = new List<ListFileContent>();
            Uri? first = null;
            foreach (var download in ListSources.Downloads(source))
            {
                var url = options.BaseUrl is null ? download.Url : new Uri(options.BaseUrl, download.Url.Segments[^1]);
                first ??= url;
                progress?.Report($"{source}: downloading {url}");
                using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.NotFound && !download.Required)
                {
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    return Failed(source, $"{url} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
                }

                byte[] bytes;
                try
                {
                    bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (HttpRequestException ex)
                {
                    return Failed(source, $"{url}: the download broke off ({ex.Message}); the file is truncated");
                }

                if (response.Content.Headers.ContentLength is { } expected && expected != bytes.Length)
                {
                    return Failed(source, $"{url}: truncated download ({bytes.Length} of {expected} bytes)");
                }

                if (bytes.Length == 0)
                {
                    return Failed(source, $"{url}: the download is empty");
                }

                files.Add(new ListFileContent(download.Name, bytes));
            }

            var before = library.InForce(source);
            progress?.Report($"{source}: parsing {files.Count} file(s)");
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            // Checked whether or not the new version would go in force (an update's file is the publisher's current one).
            var (list, result) = library.Import(source, files, first!.ToString(), today, makeCurrent: true,
                check: l => options.Force ? null : library.DropRefusal(l, before, options.MaxDrop, "check the publisher's file"));
            var message = !result.Version.Current
                ? $"{source}: stored v{result.Version.Id} ({list.Entities.Count:N0} entities, published {list.PublicationDate:yyyy-MM-dd}) but did not put it in force: the version in force ({before.Label}, published {before.PublicationDate:yyyy-MM-dd}) is newer; 'interdict lists import --switch' puts an older one in force"
                : result.Created
                ? $"{source}: stored v{result.Version.Id} ({list.Entities.Count:N0} entities, published {list.PublicationDate:yyyy-MM-dd}) and switched to it"
                : $"{source}: unchanged: the publisher's files are identical to v{result.Version.Id}, which is in force";
            return new UpdateOutcome(source, true, message, result.Version);
        }
        catch (HttpRequestException ex)
        {
            return Failed(source, $"network error: {ex.Message}");
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(source, $"the download timed out ({ex.Message})");
        }
        catch (ListFormatException ex)
        {
            return Failed(source, $"the downloaded file is invalid: {ex.Message}");
        }
        catch (ListRefusedException ex)
        {
            return Failed(source, ex.Reason);
        }
    }

    private UpdateOutcome Failed(string source, string why)
    {
        var inForce = library.InForce(source);
        return new UpdateOutcome(source, false, $"{source}: update failed: {why}. The version in force is unchanged ({inForce.Label}, published {inForce.PublicationDate:yyyy-MM-dd}).", inForce.Stored);
    }
}
