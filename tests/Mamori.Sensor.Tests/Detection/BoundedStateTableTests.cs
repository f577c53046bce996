using Mamori.Sensor.Detection;

namespace Mamori.Sensor.Tests.Detection;

public class BoundedStateTableTests
{
    [Fact]
    public void Touch_BeyondCapacity_EvictsLeastRecentlyUsedAndCounts()
    {
        var removed = new List<int>();
        var table = new BoundedStateTable<int, Episode>(3, TimeSpan.FromHours(1), _ => new Episode()) { Removing = (k, _) => removed.Add(k) };
        table.Touch(1, Ev.T0);
        table.Touch(2, Ev.T0);
        table.Touch(3, Ev.T0);
        table.Touch(1, Ev.T0); // 2 is now the oldest
        table.Touch(4, Ev.T0);

        Assert.Equal(3, table.Count);
        Assert.Equal(1, table.Evictions);
        Assert.Equal([2], removed);
        Assert.False(table.TryGet(2, out _));
    }

    [Fact]
    public void Touch_LaterTime_ExpiresIdleEntries()
    {
        var table = new BoundedStateTable<int, Episode>(10, TimeSpan.FromMinutes(5), _ => new Episode());
        table.Touch(1, Ev.T0);
        table.Touch(2, Ev.T0.AddMinutes(4));
        table.Touch(3, Ev.T0.AddMinutes(6));

        Assert.Equal(1, table.Expirations);
        Assert.False(table.TryGet(1, out _));
        Assert.True(table.TryGet(2, out _));
    }
}

public class DistinctCounterTests
{
    [Fact]
    public void Count_SmallSets_Exact()
    {
        var counter = new DistinctCounter();
        for (var i = 0; i < 40; i++)
        {
            counter.Add(i % 20);
        }

        Assert.Equal(20, counter.Count);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(5000)]
    public void Count_LargeSets_WithinFivePercent(int n)
    {
        var counter = new DistinctCounter();
        for (var i = 0; i < n; i++)
        {
            counter.Add("name" + i);
        }

        Assert.InRange(counter.Count, n * 0.95, n * 1.05);
    }
}

public class DomainNamesTests
{
    [Theory]
    [InlineData("www.yahoo.co.jp", "yahoo.co.jp", "www", "yahoo")]
    [InlineData("a.b.example.com.", "example.com", "a.b", "example")]
    [InlineData("example.com", "example.com", "", "example")]
    [InlineData("cvyh1po636avyrsxebwbkn7.ddns.net", "cvyh1po636avyrsxebwbkn7.ddns.net", "", "cvyh1po636avyrsxebwbkn7")]
    [InlineData("localhost", "localhost", "", "localhost")]
    [InlineData("x.city.ofunato.iwate.jp", "iwate.jp", "x.city.ofunato", "iwate")]
    public void Split_KnownSuffixes(string name, string registered, string subdomain, string label)
    {
        Assert.Equal(registered, DomainNames.RegisteredDomain(name).ToString());
        Assert.Equal(subdomain, DomainNames.Subdomain(name).ToString());
        Assert.Equal(label, DomainNames.RegisteredLabel(name).ToString());
    }

    [Fact]
    public void Entropy_UniformAndConstant()
    {
        Assert.Equal(0, DomainNames.Entropy("aaaa"));
        Assert.Equal(2, DomainNames.Entropy("abcd"), 6);
    }
}
