using System.Text;
using Interdict.Core;
using Interdict.Core.Model;

namespace Interdict.Lists.Tests.Fictional;

/// <summary>
/// A fictional source, to show that a source is one folder: the Atlantis Sanctions Office publishes a tab-separated file
/// (<c>id, kind, name, alias…</c>) at a fixed address. Nothing outside this folder knows about it but the catalogue line
/// of the test that uses it.
/// </summary>
internal sealed class AtlantisSource : SourceDefinition
{
    public const string Id = "atlantis";

    public override ListSource Source { get; } = new(Id, "Atlantis Sanctions List", "Atlantis Sanctions Office", new Uri("https://sanctions.atlantis.example/list.tsv"), "TSV: id, kind, name, aliases");

    public override IReadOnlyList<DownloadFile> Downloads => [new("list.tsv", Source.OfficialUrl)];

    public override WatchList Read(IReadOnlyList<ListFileContent> files, DateOnly? publicationDate)
    {
        var file = OnlyFile(files);
        var entities = new List<Entity>();
        var line = 0;
        foreach (var text in Encoding.UTF8.GetString(file.Bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            line++;
            var fields = text.TrimEnd('\r').Split('\t');
            if (fields.Length < 3 || !EntityKinds.TryParse(fields[1], out var kind))
            {
                throw new ListFormatException(Id, file.Name, line, "expected id, kind, name[, aliases…] separated by tabs");
            }

            entities.Add(new Entity
            {
                Id = $"{Id}:{fields[0]}",
                ListId = Id,
                SourceId = fields[0],
                Kind = kind,
                Name = fields[2],
                Names = [new EntityName(fields[2], NameType.Primary, AliasQuality.Strong, "name"), .. fields.Skip(3).Select(a => new EntityName(a, NameType.Aka, AliasQuality.Strong, "alias"))],
            });
        }

        return new WatchList { Id = Id, Title = Source.Title, PublicationDate = publicationDate ?? file.PublicationDate, Entities = entities };
    }
}
