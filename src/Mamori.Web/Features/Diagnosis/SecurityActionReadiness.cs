using Mamori.Web.Features.Questionnaires;

namespace Mamori.Web.Features.Diagnosis;

/// <summary>SECURITY ACTION (IPA) declaration levels: 一つ星 and 二つ星.</summary>
public enum SecurityActionStars
{
    None = 0,
    One = 1,
    Two = 2,
}

/// <summary>
/// A declaration the company made itself on IPA's site; Mamori only records it.
/// </summary>
public sealed record SecurityActionDeclaration(SecurityActionStars Stars, string DeclarationId, DateOnly DeclaredOn)
{
    /// <summary>Checks a declaration typed in by an operator or the company.</summary>
    public static IReadOnlyList<LocalizedText> Validate(SecurityActionStars stars, string? declarationId)
    {
        var problems = new List<LocalizedText>();
        if (stars == SecurityActionStars.None)
        {
            problems.Add(new("宣言した星の数(一つ星か二つ星)を選んでください。", "Choose the level declared (one or two stars)."));
        }

        if (string.IsNullOrWhiteSpace(declarationId) || declarationId.Trim().Length > 50)
        {
            problems.Add(new("宣言のときに届いた自己宣言IDを入れてください(50文字まで)。", "Enter the declaration ID you received when declaring (up to 50 characters)."));
        }

        return problems;
    }
}

/// <summary>Which star the company could declare now, and what is still missing, in plain words.</summary>
public sealed record SecurityActionReadiness(
    SecurityActionStars Reachable,
    IReadOnlyList<LocalizedText> MissingForOneStar,
    IReadOnlyList<LocalizedText> MissingForTwoStars)
{
    /// <summary>What is missing for the star above <see cref="Reachable"/> (empty at two stars).</summary>
    public IReadOnlyList<LocalizedText> MissingForNextStar => Reachable switch
    {
        SecurityActionStars.None => MissingForOneStar,
        SecurityActionStars.One => MissingForTwoStars,
        _ => [],
    };
}

/// <summary>
/// Reads SECURITY ACTION readiness from the diagnosis answers. One star: each of the five basics
/// (情報セキュリティ5か条: updates, antivirus, passwords, sharing settings, knowing the threats)
/// answered as done. Two stars: every self-check item answered, and a basic policy adopted and
/// published at a web address. The two levels are judged separately, as IPA does.
/// </summary>
public static class SecurityActionAssessment
{
    public static SecurityActionReadiness Assess(DiagnosisContent content, AnswerSet answers)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(answers);
        var rules = content.Advice.SecurityAction;
        var q = content.Questionnaire;

        var forOne = new List<LocalizedText>();
        foreach (var id in rules.BasicQuestions)
        {
            if (answers.Find(id)?.Selected is not { Count: 1 } chosen || !string.Equals(chosen[0], rules.DoneOption, StringComparison.Ordinal))
            {
                var text = q.FindQuestion(id)!.Text;
                var done = q.FindQuestion(id)!.FindOption(rules.DoneOption)!.Text;
                forOne.Add(new($"「{text.Ja}」に「{done.Ja}」と答えられるようにしましょう。", $"Make sure you can answer \"{done.En}\" to: {text.En}"));
            }
        }

        var forTwo = new List<LocalizedText>();
        var selfCheck = SelfCheckEvaluator.Evaluate(content, answers);
        if (!selfCheck.IsComplete)
        {
            var left = selfCheck.ItemCount - selfCheck.AnsweredCount;
            forTwo.Add(new($"25項目の自己チェックで、まだ答えていない項目が{left}つあります。全部に答えましょう。", $"{left} of the 25 self-check items are not answered yet. Please answer them all."));
        }

        var policy = answers.Find(rules.PolicyQuestion)?.Selected;
        var published = policy is { Count: 1 } && string.Equals(policy[0], rules.PolicyPublishedOption, StringComparison.Ordinal);
        if (!published)
        {
            forTwo.Add(new("情報セキュリティの基本方針(会社として情報をどう守るか)を決めて、ホームページなどで公開しましょう。", "Adopt an information security basic policy (how the company protects information) and publish it, for example on your website."));
        }
        else if (!IsWebAddress(answers.Find(rules.PolicyUrlQuestion)?.Text))
        {
            forTwo.Add(new("公開している基本方針の場所(https:// で始まるURL)を入れてください。", "Enter where the policy is published (a URL starting with https://)."));
        }

        var reachable = forTwo.Count == 0 ? SecurityActionStars.Two : forOne.Count == 0 ? SecurityActionStars.One : SecurityActionStars.None;
        return new SecurityActionReadiness(reachable, forOne, forTwo);
    }

    private static bool IsWebAddress(string? text) =>
        Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Contains('.', StringComparison.Ordinal);
}

/// <summary>Where a member stands on the way to a declaration, for the operator's overview.</summary>
public enum SecurityActionStage
{
    NotReady,
    ReadyForOneStar,
    ReadyForTwoStars,
    DeclaredOneStar,
    DeclaredTwoStars,
}

public static class SecurityActionStanding
{
    /// <summary>A recorded declaration wins, unless the company is ready for more than it declared.</summary>
    public static SecurityActionStage Of(SecurityActionReadiness readiness, SecurityActionDeclaration? declaration)
    {
        ArgumentNullException.ThrowIfNull(readiness);
        var declared = declaration?.Stars ?? SecurityActionStars.None;
        if (readiness.Reachable > declared)
        {
            return readiness.Reachable == SecurityActionStars.Two ? SecurityActionStage.ReadyForTwoStars : SecurityActionStage.ReadyForOneStar;
        }

        return declared switch
        {
            SecurityActionStars.Two => SecurityActionStage.DeclaredTwoStars,
            SecurityActionStars.One => SecurityActionStage.DeclaredOneStar,
            _ => SecurityActionStage.NotReady,
        };
    }
}
