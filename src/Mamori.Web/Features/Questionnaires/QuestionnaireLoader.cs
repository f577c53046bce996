using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mamori.Web.Features.Questionnaires;

/// <summary>A questionnaire file that cannot be used; the message names the file and every offending id.</summary>
public sealed class QuestionnaireDefinitionException : Exception
{
    public QuestionnaireDefinitionException(string source, IReadOnlyList<string> problems, Exception? inner = null)
        : base($"{source}: " + string.Join("; ", problems), inner)
    {
        FileName = source;
        Problems = problems;
    }

    public QuestionnaireDefinitionException()
        : this("(unknown)", [])
    {
    }

    public QuestionnaireDefinitionException(string message)
        : this("(unknown)", [message])
    {
    }

    public QuestionnaireDefinitionException(string message, Exception inner)
        : this("(unknown)", [message], inner)
    {
    }

    /// <summary>The file (or resource) that was read.</summary>
    public string FileName { get; }

    /// <summary>Each problem found, e.g. <c>question 'q2_6': condition refers to unknown question 'q2_9'</c>.</summary>
    public IReadOnlyList<string> Problems { get; }
}

/// <summary>
/// Reads questionnaire definitions from JSON and checks them, so that a broken file stops the
/// application at startup instead of confusing a respondent later.
/// </summary>
public static class QuestionnaireLoader
{
    internal static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Parses and validates one definition. <paramref name="source"/> names the file in errors.</summary>
    public static QuestionnaireDefinition Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        QuestionnaireDefinition? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<QuestionnaireDefinition>(json, s_json);
        }
        catch (JsonException ex)
        {
            throw new QuestionnaireDefinitionException(source, [$"not a valid questionnaire ({ex.Message})"], ex);
        }

        if (parsed is null)
        {
            throw new QuestionnaireDefinitionException(source, ["the file is empty (null)"]);
        }

        var (definition, problems) = ExpandAndValidate(parsed);
        if (problems.Count > 0)
        {
            throw new QuestionnaireDefinitionException(source, problems);
        }

        return definition;
    }

    /// <summary>Reads every embedded <c>*.json</c> resource of the assembly whose name starts with the prefix.</summary>
    public static IReadOnlyList<QuestionnaireDefinition> LoadEmbedded(Assembly assembly, string resourcePrefix)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var result = new List<QuestionnaireDefinition>();
        foreach (var name in assembly.GetManifestResourceNames().Order(StringComparer.Ordinal))
        {
            if (name.StartsWith(resourcePrefix, StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal))
            {
                result.Add(Parse(ReadResource(assembly, name), name));
            }
        }

        return result;
    }

    internal static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource '{name}' not found.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static (QuestionnaireDefinition Definition, List<string> Problems) ExpandAndValidate(QuestionnaireDefinition d)
    {
        var problems = new List<string>();
        void Text(LocalizedText? text, string where, bool required = true)
        {
            if (text is null)
            {
                if (required)
                {
                    problems.Add($"{where}: text missing");
                }
            }
            else if (string.IsNullOrWhiteSpace(text.Ja) || string.IsNullOrWhiteSpace(text.En))
            {
                problems.Add($"{where}: both 'ja' and 'en' texts are needed");
            }
        }

        if (string.IsNullOrWhiteSpace(d.Id))
        {
            problems.Add("questionnaire id is empty");
        }

        if (d.Version < 1)
        {
            problems.Add($"questionnaire '{d.Id}': version must be 1 or more");
        }

        Text(d.Title, $"questionnaire '{d.Id}' title");
        Text(d.Description, $"questionnaire '{d.Id}' description", required: false);

        foreach (var dup in Duplicates(d.Categories.Select(c => c.Id)))
        {
            problems.Add($"category '{dup}': duplicate id");
        }

        foreach (var c in d.Categories)
        {
            Text(c.Title, $"category '{c.Id}' title");
        }

        foreach (var (name, set) in d.OptionSets)
        {
            foreach (var dup in Duplicates(set.Select(o => o.Id)))
            {
                problems.Add($"option set '{name}': duplicate option id '{dup}'");
            }
        }

        foreach (var dup in Duplicates(d.Sections.Select(s => s.Id)))
        {
            problems.Add($"section '{dup}': duplicate id");
        }

        foreach (var dup in Duplicates(d.Questions.Select(q => q.Id)))
        {
            problems.Add($"question '{dup}': duplicate id");
        }

        // Expand option sets first so that conditions can be checked against the real options.
        var sections = d.Sections.Select(s => s with
        {
            Questions = s.Questions.Select(q => Expand(q, d, problems)).ToList(),
        }).ToList();
        var expanded = d with { Sections = sections };

        var earlier = new Dictionary<string, QuestionDefinition>(StringComparer.Ordinal);
        var usedCategories = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in sections)
        {
            Text(section.Title, $"section '{section.Id}' title");
            Text(section.Description, $"section '{section.Id}' description", required: false);
            CheckCondition(section.ShowWhen, $"section '{section.Id}'", earlier, problems);

            // Questions of a section may depend on earlier questions of the same section.
            foreach (var q in section.Questions)
            {
                var where = $"question '{q.Id}'";
                Text(q.Text, where + " text");
                Text(q.Help, where + " help", required: false);
                Text(q.Unit, where + " unit", required: false);
                CheckCondition(q.ShowWhen, where, earlier, problems);
                CheckQuestion(q, where, d, usedCategories, problems, Text);
                earlier.TryAdd(q.Id, q);
            }
        }

        return (expanded, problems);
    }

    private static QuestionDefinition Expand(QuestionDefinition q, QuestionnaireDefinition d, List<string> problems)
    {
        if (q.OptionSet is null)
        {
            return q;
        }

        if (q.Options.Count > 0)
        {
            problems.Add($"question '{q.Id}': give either 'options' or 'optionSet', not both");
            return q;
        }

        if (!d.OptionSets.TryGetValue(q.OptionSet, out var set))
        {
            problems.Add($"question '{q.Id}': unknown option set '{q.OptionSet}'");
            return q;
        }

        return q with { Options = set };
    }

    private static void CheckQuestion(
        QuestionDefinition q,
        string where,
        QuestionnaireDefinition d,
        HashSet<string> usedCategories,
        List<string> problems,
        Action<LocalizedText?, string, bool> text)
    {
        if (string.IsNullOrWhiteSpace(q.Id))
        {
            problems.Add("a question has an empty id");
        }

        var isChoice = q.Kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice;
        if (isChoice && q.Options.Count < 2)
        {
            problems.Add($"{where}: a choice question needs at least two options");
        }

        if (!isChoice && q.Options.Count > 0)
        {
            problems.Add($"{where}: only choice questions have options");
        }

        foreach (var dup in Duplicates(q.Options.Select(o => o.Id)))
        {
            problems.Add($"{where}: duplicate option id '{dup}'");
        }

        foreach (var o in q.Options)
        {
            text(o.Text, $"{where} option '{o.Id}'", true);
            if (o.IsExclusive && q.Kind != QuestionKind.MultipleChoice)
            {
                problems.Add($"{where} option '{o.Id}': only multiple choice options can be exclusive");
            }
        }

        if (q.Options.Count(o => o.IsOther) > 1)
        {
            problems.Add($"{where}: at most one 'other' option");
        }

        if (q.MaxSelections is int max && (q.Kind != QuestionKind.MultipleChoice || max < 1 || max > q.Options.Count))
        {
            problems.Add($"{where}: maxSelections must be between 1 and the number of options, on a multiple choice question");
        }

        if ((q.Min is not null || q.Max is not null || q.Unit is not null || q.AllowDecimals) && q.Kind != QuestionKind.Number)
        {
            problems.Add($"{where}: min, max, unit and allowDecimals apply to number questions only");
        }

        if (q.Min > q.Max)
        {
            problems.Add($"{where}: min is greater than max");
        }

        if (q.MaxLength is int length && length < 1)
        {
            problems.Add($"{where}: maxLength must be 1 or more");
        }

        if (q.Category is not null)
        {
            if (d.FindCategory(q.Category) is null)
            {
                problems.Add($"{where}: unknown category '{q.Category}'");
            }

            usedCategories.Add(q.Category);
            if (!isChoice)
            {
                problems.Add($"{where}: only choice questions can be scored (it has category '{q.Category}')");
            }

            foreach (var o in q.Options.Where(o => o.Score is null))
            {
                problems.Add($"{where} option '{o.Id}': scored question (category '{q.Category}') needs a score on every option");
            }
        }
    }

    internal static void CheckCondition(Condition? condition, string where, IReadOnlyDictionary<string, QuestionDefinition> earlier, List<string> problems)
    {
        if (condition is null)
        {
            return;
        }

        if (condition.All is not null || condition.Any is not null)
        {
            if ((condition.All is not null && condition.Any is not null) || condition.Question is not null || condition.OperatorCount > 0)
            {
                problems.Add($"{where}: a condition is either 'all', 'any' or one comparison");
            }

            var children = condition.All ?? condition.Any ?? [];
            if (children.Count == 0)
            {
                problems.Add($"{where}: 'all'/'any' needs at least one condition");
            }

            foreach (var child in children)
            {
                CheckCondition(child, where, earlier, problems);
            }

            return;
        }

        if (condition.Question is null)
        {
            problems.Add($"{where}: condition names no question");
            return;
        }

        if (condition.OperatorCount != 1)
        {
            problems.Add($"{where}: condition on '{condition.Question}' needs exactly one of equals, anyOf, greaterThan, atLeast, lessThan, atMost, answered");
        }

        if (!earlier.TryGetValue(condition.Question, out var target))
        {
            problems.Add($"{where}: condition refers to unknown question '{condition.Question}' (it must be an earlier question)");
            return;
        }

        var isChoice = target.Kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice;
        var optionIds = (condition.EqualsValue is null ? [] : new[] { condition.EqualsValue }).Concat(condition.AnyOf ?? []);
        if ((condition.EqualsValue is not null || condition.AnyOf is not null) && !isChoice)
        {
            problems.Add($"{where}: equals/anyOf need a choice question, '{condition.Question}' is {target.Kind}");
        }
        else
        {
            foreach (var id in optionIds.Where(id => target.FindOption(id) is null))
            {
                problems.Add($"{where}: condition refers to unknown option '{id}' of question '{condition.Question}'");
            }
        }

        if (condition.IsNumberComparison && target.Kind != QuestionKind.Number)
        {
            problems.Add($"{where}: number comparison on '{condition.Question}', which is not a number question");
        }
    }

    internal static IEnumerable<string> Duplicates(IEnumerable<string> ids) =>
        ids.GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);
}
