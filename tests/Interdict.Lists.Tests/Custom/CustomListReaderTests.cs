using System.Text;
using Interdict.Core;
using Interdict.Core.Model;
using Interdict.Lists.Custom;

namespace Interdict.Lists.Tests.Custom;

public class CustomListReaderTests
{
    private static WatchList Read(string csv) =>
        CustomListReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "watch.csv", "watch");

    [Fact]
    public void Read_AllColumns_AreMapped()
    {
        var list = Read("id,name,type,aliases,dob,country\nc1,Ivan Petrov,person,Иван Петров; I. Petrov,1970-05,RU\n");
        var e = list.Entities.ShouldHaveSingleItem();
        e.Id.ShouldBe("watch:c1");
        e.Kind.ShouldBe(EntityKind.Person);
        e.Names.Select(n => n.Value).ShouldBe(["Ivan Petrov", "Иван Петров", "I. Petrov"]);
        e.DatesOfBirth.ShouldHaveSingleItem().From.ShouldBe(new PartialDate(1970, 5));
        e.Nationalities.ShouldBe(["RU"]);
    }

    [Fact]
    public void Read_NoNameColumn_IsAnErrorOnLine1()
    {
        var ex = Should.Throw<ListFormatException>(() => Read("id,fullname\n1,X\n"));
        ex.Line.ShouldBe(1);
        ex.Message.ShouldContain("no 'name' column");
    }

    [Fact]
    public void Read_BadDate_NamesTheLine()
    {
        var ex = Should.Throw<ListFormatException>(() => Read("id,name,dob\n1,A,1970\n2,B,31/31/1970\n"));
        ex.Line.ShouldBe(3);
        ex.Message.ShouldContain("watch.csv, line 3");
    }

    [Fact]
    public void Read_DuplicateId_IsAnError() =>
        Should.Throw<ListFormatException>(() => Read("id,name\n1,A\n1,B\n")).Message.ShouldContain("appears twice");
}
