using Mamori.Web.Features.Questionnaires;

namespace Mamori.Web.Features.Diagnosis;

/// <summary>The kit of seed 003 表3.3.2-1.</summary>
public enum SensorKitItem
{
    /// <summary>Plugs into a mirror port of a firewall, router or switch (wired only).</summary>
    OfficeSensor,

    /// <summary>Sits under a small office's router and works as a switch.</summary>
    SmallOfficeSensor,

    /// <summary>Under a home router, on a separate segment.</summary>
    TeleworkSensor,

    /// <summary>Lent when no mirror port is available: an 8-port switch.</summary>
    MirrorSwitch8Port,

    /// <summary>Lent when no mirror port is available: a 16-port switch.</summary>
    MirrorSwitch16Port,
}

/// <summary>What to ship, and whether an installation call is needed first.</summary>
public sealed record SensorInstallationPlan(IReadOnlyList<(SensorKitItem Item, int Count)> Kit, bool CallBeforeShipping, IReadOnlyList<LocalizedText> Notes);

/// <summary>
/// Turns the sensor installation check into a kit, as the pilot did before shipping pre-configured
/// sensors (seed 003 §3.3.2, 図3.3.2-1).
/// </summary>
public static class SensorInstallationPlanner
{
    public static SensorInstallationPlan Plan(AnswerSet answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        string? Choice(string id) => answers.Find(id)?.Selected is { Count: 1 } s ? s[0] : null;
        var layout = Choice("sensor.layout");
        var mirror = Choice("sensor.mirrorPort");
        var pcs = answers.Find("profile.pcs")?.Number ?? 0;
        var homes = Choice("profile.telework") == "yes" ? (int)(answers.Find("sensor.teleworkHomes")?.Number ?? 0) : 0;
        var model = answers.Find("sensor.routerModel")?.Text?.Trim();

        var kit = new List<(SensorKitItem, int)>();
        var notes = new List<LocalizedText>();
        if (mirror == "yes")
        {
            kit.Add((SensorKitItem.OfficeSensor, 1));
        }
        else if (layout == "routerOnly" && pcs <= 7)
        {
            kit.Add((SensorKitItem.SmallOfficeSensor, 1));
            notes.Add(new("センサーをルーターの下につなぎ、パソコンはセンサーにつなぎ替えます。", "Plug the sensor into the router and move the PCs onto the sensor."));
        }
        else
        {
            kit.Add((SensorKitItem.OfficeSensor, 1));
            kit.Add((pcs <= 7 ? SensorKitItem.MirrorSwitch8Port : SensorKitItem.MirrorSwitch16Port, 1));
            notes.Add(new("ミラーポートのあるスイッチをお貸しします。ルーターとパソコンの間に入れます。", "We lend a switch with a mirror port; it goes between the router and the PCs."));
        }

        if (homes > 0)
        {
            kit.Add((SensorKitItem.TeleworkSensor, homes));
        }

        var unsure = layout is null or "unknown" or "multipleFloors" || mirror is null or "unknown"
            || string.IsNullOrEmpty(model) || model is "不明" or "unknown" || Choice("sensor.routerProvider") is null or "unknown";
        if (unsure)
        {
            notes.Add(new("発送の前に、電話でつなぎ方をいっしょに確かめます。", "Before shipping, we will check the connections with you by phone."));
        }

        return new SensorInstallationPlan(kit, unsure, notes);
    }
}
