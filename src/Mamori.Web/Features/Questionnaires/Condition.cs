namespace Mamori.Web.Features.Questionnaires;

/// <summary>
/// When a question or section is shown. Either a comparison on one earlier question
/// (<see cref="Question"/> with exactly one of <see cref="EqualsValue"/>, <see cref="AnyOf"/>,
/// <see cref="GreaterThan"/>, <see cref="AtLeast"/>, <see cref="LessThan"/>, <see cref="AtMost"/>,
/// <see cref="Answered"/>), or a combination (<see cref="All"/> / <see cref="Any"/>).
/// </summary>
/// <remarks>
/// For choice questions <c>equals</c> and <c>anyOf</c> name option ids and hold when such an option is
/// chosen (for multiple choice: among the chosen). Number comparisons apply to number questions only.
/// A question that is unanswered or hidden matches nothing, so a chain of conditions collapses
/// when its first link is hidden.
/// </remarks>
public sealed record Condition
{
    public string? Question { get; init; }

    [System.Text.Json.Serialization.JsonPropertyName("equals")]
    public string? EqualsValue { get; init; }

    public IReadOnlyList<string>? AnyOf { get; init; }

    public decimal? GreaterThan { get; init; }

    public decimal? AtLeast { get; init; }

    public decimal? LessThan { get; init; }

    public decimal? AtMost { get; init; }

    /// <summary>Holds when the question has (true) or has not (false) been answered.</summary>
    public bool? Answered { get; init; }

    public IReadOnlyList<Condition>? All { get; init; }

    public IReadOnlyList<Condition>? Any { get; init; }

    /// <summary>Number of comparison operators set on this node (a leaf must have exactly one).</summary>
    internal int OperatorCount =>
        (EqualsValue is null ? 0 : 1) + (AnyOf is null ? 0 : 1) + (GreaterThan is null ? 0 : 1)
        + (AtLeast is null ? 0 : 1) + (LessThan is null ? 0 : 1) + (AtMost is null ? 0 : 1) + (Answered is null ? 0 : 1);

    internal bool IsNumberComparison => GreaterThan is not null || AtLeast is not null || LessThan is not null || AtMost is not null;

    /// <summary>Evaluates the condition; <paramref name="visibleAnswer"/> returns null for unanswered or hidden questions.</summary>
    public bool Evaluate(Func<string, Answer?> visibleAnswer)
    {
        ArgumentNullException.ThrowIfNull(visibleAnswer);
        if (All is not null)
        {
            return All.All(c => c.Evaluate(visibleAnswer));
        }

        if (Any is not null)
        {
            return Any.Any(c => c.Evaluate(visibleAnswer));
        }

        var answer = Question is null ? null : visibleAnswer(Question);
        if (Answered is bool wanted)
        {
            return (answer is not null && !answer.IsEmpty) == wanted;
        }

        if (answer is null)
        {
            return false;
        }

        if (EqualsValue is not null)
        {
            return answer.Selected.Contains(EqualsValue, StringComparer.Ordinal);
        }

        if (AnyOf is not null)
        {
            return answer.Selected.Any(s => AnyOf.Contains(s, StringComparer.Ordinal));
        }

        if (answer.Number is not decimal n)
        {
            return false;
        }

        return (GreaterThan is null || n > GreaterThan)
            && (AtLeast is null || n >= AtLeast)
            && (LessThan is null || n < LessThan)
            && (AtMost is null || n <= AtMost);
    }
}
