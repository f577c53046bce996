using System.Net;
using Mamori.Sensor.Intel;
using Mamori.Sensor.Intel.Feeds;

namespace Mamori.Sensor.Tests.Intel;

public class FeedRefresherTests
{
    private sealed class FakeTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class FakeHandler : HttpMessageHandler
    {
        public Dictionary<string, (HttpStatusCode Status, string Body)> Responses { get; } = [];
        public List<string> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var url = request.RequestUri!.ToString();
            Requests.Add(url);
            var (status, body) = Responses.TryGetValue(url, out var r) ? r : (HttpStatusCode.NotFound, "");
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body) });
        }
    }

    private static readonly Uri s_feodo = new("https://feeds.test/ipblocklist.txt");

    private static (FeedRefresher Refresher, FakeHandler Handler, FakeTime Time, ThreatIntelStore Store) Create()
    {
        var handler = new FakeHandler();
        var time = new FakeTime(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        var store = new ThreatIntelStore();
        var refresher = new FeedRefresher(new HttpClient(handler), time, store,
            [new FeedSource { Name = "feodo", Url = s_feodo, Format = FeedFormat.FeodoTracker, Interval = TimeSpan.FromHours(1) }]);
        return (refresher, handler, time, store);
    }

    [Fact]
    public async Task RefreshDueAsync_FetchesOnSchedule_AndReportsAdditions()
    {
        var (refresher, handler, time, store) = Create();
        handler.Responses[s_feodo.ToString()] = (HttpStatusCode.OK, "# test\n192.0.2.1\n");

        var first = Assert.Single(await refresher.RefreshDueAsync());
        Assert.True(first.Succeeded);
        Assert.Single(first.Added);
        Assert.NotNull(store.Current.MatchIp(IPAddress.Parse("192.0.2.1")));

        time.Now += TimeSpan.FromMinutes(30);
        Assert.Empty(await refresher.RefreshDueAsync());
        Assert.Single(handler.Requests);

        handler.Responses[s_feodo.ToString()] = (HttpStatusCode.OK, "192.0.2.1\n192.0.2.2\nbad\n");
        time.Now += TimeSpan.FromMinutes(31);
        var second = Assert.Single(await refresher.RefreshDueAsync());
        Assert.Equal("192.0.2.2", Assert.Single(second.Added).Value);
        Assert.Equal(1, second.Malformed);
        Assert.Equal(2, store.Current.Count);
    }

    [Fact]
    public async Task RefreshDueAsync_FailedFetch_KeepsPreviousIndicators()
    {
        var (refresher, handler, time, store) = Create();
        handler.Responses[s_feodo.ToString()] = (HttpStatusCode.OK, "192.0.2.1\n");
        await refresher.RefreshDueAsync();

        handler.Responses[s_feodo.ToString()] = (HttpStatusCode.ServiceUnavailable, "");
        time.Now += TimeSpan.FromHours(2);
        var result = Assert.Single(await refresher.RefreshDueAsync());

        Assert.False(result.Succeeded);
        Assert.Contains("503", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, store.Current.Count);
    }

    [Fact]
    public async Task RefreshDueAsync_EmptyOrBrokenFeed_KeepsPreviousIndicators()
    {
        var (refresher, handler, time, store) = Create();
        handler.Responses[s_feodo.ToString()] = (HttpStatusCode.OK, "192.0.2.1\n");
        await refresher.RefreshDueAsync();

        handler.Responses[s_feodo.ToString()] = (HttpStatusCode.OK, "<html>maintenance</html>");
        time.Now += TimeSpan.FromHours(2);
        var result = Assert.Single(await refresher.RefreshDueAsync());

        Assert.False(result.Succeeded);
        Assert.Equal(1, store.Current.Count);
    }
}
