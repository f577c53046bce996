using Mamori.Web.Features.Notices;
using Mamori.Web.Features.Portal;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Tests.Features.Triage;

/// <summary>The member portal over the demo data: own notices and incidents in plain words only.</summary>
public sealed class PortalTests : TriageTestBase
{
    [Fact]
    public async Task Portal_DemoMember_SeesOwnNoticesIncidentsAndSensors()
    {
        await using var db = Member(Aoba);
        var view = await new GetPortalHandler(db).HandleAsync(Aoba, "ja", CancellationToken.None);

        Assert.NotNull(view);
        Assert.NotEmpty(view.Notices);
        Assert.All(view.Notices, n => Assert.Equal(Aoba, n.CompanyId));
        Assert.Contains(view.Notices, n => n.Kind == NoticeKind.WeeklyDigest);
        Assert.Contains(view.Incidents, i => i.Title.StartsWith("フィッシングサイトへのアクセス", StringComparison.Ordinal));
        Assert.NotEmpty(view.Sensors);
        Assert.Equal("022-000-1234", view.HelpDesk.Phone);
        Assert.Equal(await db.Notices.CountAsync(n => n.SentAt != null), view.Notices.Count);
    }
}
