using Mamori.Web.Features.Diagnosis;
using Mamori.Web.Features.Questionnaires;

namespace Mamori.Web.Tests.Features.Diagnosis;

/// <summary>The shipped content and a builder for complete, plausible answer sets.</summary>
internal static class DiagnosisFixtures
{
    public static DiagnosisContentCatalog Catalog { get; } = DiagnosisContentCatalog.LoadEmbedded();

    public static DiagnosisContent Content => Catalog.Latest;

    public static QuestionnaireDefinition Questionnaire => Content.Questionnaire;

    public static IEnumerable<QuestionDefinition> QuestionsOfGroup(string group) =>
        Questionnaire.Questions.Where(q => q.Category is not null && Questionnaire.FindCategory(q.Category)!.Group == group);

    /// <summary>
    /// A complete answer set: a small office without telework, no assets, every office and self-check
    /// question answered <paramref name="practice"/>, policy not adopted, sensor check filled in.
    /// </summary>
    public static AnswerSet Complete(string practice = "done", bool telework = false, params string[] assets)
    {
        var set = AnswerSet.StartDraft(Questionnaire, AnswerEntryMode.AdvisorRemoteHearing)
            .With("profile.assets", Answer.Choice(assets.Length == 0 ? ["none"] : assets))
            .With("profile.securityOwner", Answer.Choice("vendor"))
            .With("profile.employees", Answer.Of(8))
            .With("profile.pcs", Answer.Of(6))
            .With("profile.telework", Answer.Choice(telework ? "yes" : "no"))
            .With("profile.wifi", Answer.Choice("no"))
            .With("profile.onlineBanking", Answer.Choice("no"))
            .With("profile.website", Answer.Choice("none"))
            .With("policy.adopted", Answer.Choice("no"))
            .With("sensor.layout", Answer.Choice("routerOnly"))
            .With("sensor.routerModel", Answer.OfText("Example RT-100"))
            .With("sensor.routerProvider", Answer.Choice("own"))
            .With("sensor.mirrorPort", Answer.Choice("no"))
            .With("sensor.freePorts", Answer.Of(2))
            .With("sensor.onSite", Answer.Choice("owner"));
        if (telework)
        {
            set = set.With("sensor.teleworkHomes", Answer.Of(2));
        }

        foreach (var q in Questionnaire.Questions.Where(q => q.Category is not null))
        {
            set = set.With(q.Id, Answer.Choice(practice));
        }

        return set;
    }

    public static AnswerSet With(this AnswerSet set, IEnumerable<string> questionIds, string option) =>
        questionIds.Aggregate(set, (s, id) => s.With(id, Answer.Choice(option)));
}
