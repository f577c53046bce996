using Mamori.Web.Features.Questionnaires;

namespace Mamori.Web.Features.Diagnosis;

/// <summary>Cross-checks an advice file against its questionnaire so that no weak answer is left without advice.</summary>
internal static class AdviceValidator
{
    public static List<string> Validate(DiagnosisAdvice a, QuestionnaireDefinition q)
    {
        var problems = new List<string>();
        if (!string.Equals(a.QuestionnaireId, q.Id, StringComparison.Ordinal) || a.Version != q.Version)
        {
            problems.Add($"advice is for '{a.QuestionnaireId}' v{a.Version}, but the questionnaire is '{q.Id}' v{q.Version}");
        }

        var questions = q.Questions.ToDictionary(x => x.Id, StringComparer.Ordinal);

        foreach (var dup in QuestionnaireLoader.Duplicates(a.Groups.Select(g => g.Id)))
        {
            problems.Add($"group '{dup}': duplicate id");
        }

        foreach (var category in q.Categories.Where(c => c.Group is null || !a.Groups.Any(g => g.Id == c.Group)))
        {
            problems.Add($"category '{category.Id}': its group '{category.Group}' is not listed in 'groups'");
        }

        foreach (var dup in QuestionnaireLoader.Duplicates(a.Situations.Select(s => s.Id)))
        {
            problems.Add($"situation '{dup}': duplicate id");
        }

        foreach (var s in a.Situations)
        {
            QuestionnaireLoader.CheckCondition(s.When, $"situation '{s.Id}'", questions, problems);
        }

        CheckSelfCheck(a.SelfCheck, q, problems);
        CheckSecurityAction(a.SecurityAction, questions, problems);

        var situationIds = a.Situations.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var dup in QuestionnaireLoader.Duplicates(a.Countermeasures.Select(c => c.Id)))
        {
            problems.Add($"countermeasure '{dup}': duplicate id");
        }

        foreach (var c in a.Countermeasures)
        {
            foreach (var s in c.RaisedBy.Where(s => !situationIds.Contains(s)))
            {
                problems.Add($"countermeasure '{c.Id}': unknown situation '{s}'");
            }
        }

        foreach (var dup in QuestionnaireLoader.Duplicates(a.WeakPoints.Select(w => w.Question)))
        {
            problems.Add($"weak point '{dup}': given twice");
        }

        foreach (var w in a.WeakPoints)
        {
            if (!questions.TryGetValue(w.Question, out var question) || question.Category is null)
            {
                problems.Add($"weak point '{w.Question}': not a scored question of the questionnaire");
            }

            if (w.Countermeasures.Count == 0)
            {
                problems.Add($"weak point '{w.Question}': names no countermeasure");
            }

            foreach (var id in w.Countermeasures.Where(id => a.FindCountermeasure(id) is null))
            {
                problems.Add($"weak point '{w.Question}': unknown countermeasure '{id}'");
            }
        }

        foreach (var scored in q.Questions.Where(x => x.Category is not null && a.FindWeakPoint(x.Id) is null))
        {
            problems.Add($"question '{scored.Id}': scored but has no weak point advice");
        }

        return problems;
    }

    private static void CheckSelfCheck(SelfCheckRules rules, QuestionnaireDefinition q, List<string> problems)
    {
        var items = SelfCheckEvaluator.Items(q, rules).ToList();
        if (items.Count == 0)
        {
            problems.Add($"selfCheck: group '{rules.Group}' has no questions");
            return;
        }

        var lowest = items.Sum(i => i.Options.Min(o => o.Score ?? 0));
        var highest = items.Sum(i => i.Options.Max(o => o.Score ?? 0));
        if (rules.Bands.Count == 0)
        {
            problems.Add("selfCheck: no bands");
            return;
        }

        for (var i = 1; i < rules.Bands.Count; i++)
        {
            if (rules.Bands[i].MinTotal >= rules.Bands[i - 1].MinTotal)
            {
                problems.Add($"selfCheck band '{rules.Bands[i].Id}': bands must be listed highest first with falling minTotal");
            }
        }

        if (rules.Bands[^1].MinTotal > lowest)
        {
            problems.Add($"selfCheck band '{rules.Bands[^1].Id}': the lowest band must start at or below the lowest possible total {lowest}");
        }

        if (rules.Bands[0].MinTotal > highest)
        {
            problems.Add($"selfCheck band '{rules.Bands[0].Id}': starts above the highest possible total {highest}");
        }
    }

    private static void CheckSecurityAction(SecurityActionRules rules, Dictionary<string, QuestionDefinition> questions, List<string> problems)
    {
        foreach (var id in rules.BasicQuestions)
        {
            if (!questions.TryGetValue(id, out var question) || question.FindOption(rules.DoneOption) is null)
            {
                problems.Add($"securityAction: basic question '{id}' is unknown or has no option '{rules.DoneOption}'");
            }
        }

        if (!questions.TryGetValue(rules.PolicyQuestion, out var policy) || policy.FindOption(rules.PolicyPublishedOption) is null)
        {
            problems.Add($"securityAction: policy question '{rules.PolicyQuestion}' is unknown or has no option '{rules.PolicyPublishedOption}'");
        }

        if (!questions.TryGetValue(rules.PolicyUrlQuestion, out var url) || url.Kind != QuestionKind.FreeText)
        {
            problems.Add($"securityAction: policy URL question '{rules.PolicyUrlQuestion}' is unknown or not free text");
        }
    }
}
