using Mamori.Web.Features.Diagnosis;
using Mamori.Web.Features.Questionnaires;

namespace Mamori.Web.Tests.Features.Diagnosis;

public class SensorInstallationPlannerTests
{
    [Fact]
    public void Plan_MirrorPortAvailable_OfficeSensorOnly()
    {
        var plan = SensorInstallationPlanner.Plan(DiagnosisFixtures.Complete().With("sensor.mirrorPort", Answer.Choice("yes")));
        Assert.Equal([(SensorKitItem.OfficeSensor, 1)], plan.Kit);
        Assert.False(plan.CallBeforeShipping);
    }

    [Fact]
    public void Plan_SmallOfficeWithoutMirrorPort_SmallOfficeSensor()
    {
        var plan = SensorInstallationPlanner.Plan(DiagnosisFixtures.Complete());
        Assert.Equal([(SensorKitItem.SmallOfficeSensor, 1)], plan.Kit);
    }

    [Fact]
    public void Plan_LargerOfficeWithoutMirrorPortAndTelework_LendsSwitchAndHomeSensors()
    {
        var plan = SensorInstallationPlanner.Plan(DiagnosisFixtures.Complete(telework: true)
            .With("profile.pcs", Answer.Of(12))
            .With("sensor.layout", Answer.Choice("routerAndSwitch")));
        Assert.Equal([(SensorKitItem.OfficeSensor, 1), (SensorKitItem.MirrorSwitch16Port, 1), (SensorKitItem.TeleworkSensor, 2)], plan.Kit);
    }

    [Fact]
    public void Plan_UnknownRouterOrLayout_CallsBeforeShipping()
    {
        var plan = SensorInstallationPlanner.Plan(DiagnosisFixtures.Complete().With("sensor.routerModel", Answer.OfText("不明")));
        Assert.True(plan.CallBeforeShipping);
        Assert.Contains(plan.Notes, n => n.Ja.Contains("電話", StringComparison.Ordinal));
    }
}
