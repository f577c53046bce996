namespace Mamori.Web.Features.Questionnaires;

/// <summary>
/// Which questions are shown for a given set of answers. Conditions only refer to earlier
/// questions (checked on load), so one pass in document order settles everything: an answer to a
/// hidden question is treated as absent by every later condition.
/// </summary>
public static class QuestionVisibility
{
    /// <summary>The ids of the questions shown, in document order.</summary>
    public static IReadOnlySet<string> VisibleQuestionIds(QuestionnaireDefinition definition, AnswerSet answers)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(answers);

        var visible = new HashSet<string>(StringComparer.Ordinal);
        Answer? Lookup(string id) => visible.Contains(id) ? answers.Find(id) : null;

        foreach (var section in definition.Sections)
        {
            if (section.ShowWhen is not null && !section.ShowWhen.Evaluate(Lookup))
            {
                continue;
            }

            foreach (var question in section.Questions)
            {
                if (question.ShowWhen is null || question.ShowWhen.Evaluate(Lookup))
                {
                    visible.Add(question.Id);
                }
            }
        }

        return visible;
    }
}
