using Mamori.Web.Features.HealthReports;

namespace Mamori.Web.Tests.Features.HealthReports;

public class HealthGradingTests
{
    private static readonly HealthGradingRules s_defaults = new();
    private static readonly MonthFacts s_cleanMonth = new() { MonitoredDays = 30 };

    [Fact]
    public void Assess_CleanMonth_IsA()
    {
        var result = HealthGrading.Assess(s_cleanMonth, s_defaults);
        Assert.Equal(HealthGrade.A, result.Grade);
        Assert.Empty(result.Reasons);
    }

    [Theory]
    [InlineData(6, HealthGrade.NotAssessed)]
    [InlineData(7, HealthGrade.A)]
    public void Assess_MonitoredDaysBoundary(int days, HealthGrade expected)
    {
        Assert.Equal(expected, HealthGrading.Assess(s_cleanMonth with { MonitoredDays = days }, s_defaults).Grade);
    }

    [Fact]
    public void Assess_OneOpenHighIncident_IsD()
    {
        var result = HealthGrading.Assess(s_cleanMonth with { OpenHighIncidents = 1 }, s_defaults);
        Assert.Equal(HealthGrade.D, result.Grade);
        Assert.Equal([HealthGradeReason.OpenHighIncident], result.Reasons);
    }

    [Fact]
    public void Assess_OpenMediumIncident_IsC()
    {
        Assert.Equal(HealthGrade.C, HealthGrading.Assess(s_cleanMonth with { OpenMediumIncidents = 1 }, s_defaults).Grade);
    }

    [Fact]
    public void Assess_ResolvedHighIncident_IsCToWatch()
    {
        Assert.Equal(HealthGrade.C, HealthGrading.Assess(s_cleanMonth with { ResolvedHighIncidents = 1 }, s_defaults).Grade);
    }

    [Theory]
    [InlineData(1, 0, 0)]
    [InlineData(0, 1, 0)]
    [InlineData(0, 0, 1)]
    public void Assess_AnyUndesirableOperation_IsB(int plaintext, int privileged, int banned)
    {
        var facts = s_cleanMonth with { PlaintextPasswordFindings = plaintext, PrivilegedAccountFindings = privileged, BannedSoftwareFindings = banned };
        var result = HealthGrading.Assess(facts, s_defaults);
        Assert.Equal(HealthGrade.B, result.Grade);
        Assert.Equal([HealthGradeReason.UndesirableOperation], result.Reasons);
    }

    [Fact]
    public void Assess_ResolvedMediumOrOpenLow_IsB()
    {
        Assert.Equal(HealthGrade.B, HealthGrading.Assess(s_cleanMonth with { ResolvedMediumIncidents = 2 }, s_defaults).Grade);
        Assert.Equal(HealthGrade.B, HealthGrading.Assess(s_cleanMonth with { OpenLowIncidents = 1 }, s_defaults).Grade);
    }

    [Fact]
    public void Assess_SeveralRules_WorstWinsAndAllReasonsListed()
    {
        var facts = s_cleanMonth with { OpenHighIncidents = 1, OpenMediumIncidents = 2, PlaintextPasswordFindings = 3 };
        var result = HealthGrading.Assess(facts, s_defaults);
        Assert.Equal(HealthGrade.D, result.Grade);
        Assert.Equal(
            [HealthGradeReason.OpenHighIncident, HealthGradeReason.OpenMediumIncident, HealthGradeReason.UndesirableOperation],
            result.Reasons);
    }

    [Theory]
    [InlineData(4, HealthGrade.A)]
    [InlineData(5, HealthGrade.B)]
    public void Assess_OperatorRaisesUndesirableThreshold_BoundaryMoves(int findings, HealthGrade expected)
    {
        var rules = new HealthGradingRules { UndesirableOperationsForB = 5 };
        Assert.Equal(expected, HealthGrading.Assess(s_cleanMonth with { PrivilegedAccountFindings = findings }, rules).Grade);
    }

    [Theory]
    [InlineData(1, HealthGrade.C)]
    [InlineData(2, HealthGrade.D)]
    public void Assess_OperatorRequiresTwoOpenHighForD_OneOpenHighIsStillC(int openHigh, HealthGrade expected)
    {
        var rules = new HealthGradingRules { OpenHighForD = 2 };
        Assert.Equal(expected, HealthGrading.Assess(s_cleanMonth with { OpenHighIncidents = openHigh }, rules).Grade);
    }
}
