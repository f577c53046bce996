using System.Globalization;
using Mamori.Web.Features.Questionnaires;

namespace Mamori.Web.Tests.Features.Questionnaires;

public class AnswerValidatorTests
{
    private static readonly QuestionnaireDefinition s_survey = QuestionnaireFixtures.Survey2021;
    private static readonly QuestionnaireDefinition s_kinds = QuestionnaireFixtures.Kinds;

    private static AnswerSet Survey(params (string Id, Answer Answer)[] answers) =>
        answers.Aggregate(AnswerSet.StartDraft(s_survey, AnswerEntryMode.AdvisorRemoteHearing), (set, a) => set.With(a.Id, a.Answer));

    private static AnswerSet Kinds(params (string Id, Answer Answer)[] answers) =>
        answers.Aggregate(AnswerSet.StartDraft(s_kinds, AnswerEntryMode.Self), (set, a) => set.With(a.Id, a.Answer));

    private static AnswerErrorCode[] Codes(AnswerValidationResult result, string questionId) =>
        result.ErrorsFor(questionId).Select(e => e.Code).ToArray();

    [Fact]
    public void ValidateDraft_Incomplete_IsValidDraft()
    {
        var result = AnswerValidator.ValidateDraft(s_survey, Survey(("1-1", Answer.Choice("le5"))));
        Assert.True(result.IsValid);
        Assert.Equal(AnswerStatus.Draft, result.Answers.Status);
        Assert.Equal(AnswerEntryMode.AdvisorRemoteHearing, result.Answers.EnteredBy);
    }

    [Fact]
    public void Submit_Incomplete_ListsEachRequiredVisibleQuestion()
    {
        var result = AnswerValidator.Submit(s_survey, Survey(("2-5", Answer.Choice("yes"))));
        Assert.False(result.IsValid);
        Assert.Equal(["1-1", "2-6"], result.Errors.Select(e => e.QuestionId));
        Assert.All(result.Errors, e => Assert.Equal(AnswerErrorCode.Required, e.Code));
        Assert.Equal(AnswerStatus.Draft, result.Answers.Status);
    }

    [Fact]
    public void Submit_HiddenRequiredQuestion_IsNotRequired()
    {
        var result = AnswerValidator.Submit(s_survey, Survey(("1-1", Answer.Choice("le5")), ("2-5", Answer.Choice("no"))));
        Assert.True(result.IsValid);
        Assert.Equal(AnswerStatus.Submitted, result.Answers.Status);
    }

    [Fact]
    public void Submit_AnswerToHiddenQuestion_IsDropped()
    {
        var result = AnswerValidator.Submit(
            s_survey,
            Survey(("1-1", Answer.Choice("le5")), ("2-5", Answer.Choice("no")), ("2-6", Answer.Choice("gt50")), ("2-7", Answer.Choice("continue")), ("9-9", Answer.OfText("x"))));
        Assert.True(result.IsValid);
        Assert.Equal(["1-1", "2-5"], result.Answers.Answers.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ValidateDraft_OtherWithoutText_AsksForText()
    {
        var result = AnswerValidator.ValidateDraft(s_survey, Survey(("4-8", Answer.Choice("pmark", "other"))));
        Assert.Equal([AnswerErrorCode.OtherTextMissing], Codes(result, "4-8"));
        Assert.Equal("「その他」を選んだときは、内容を書いてください。", result.Errors[0].Message.Get(CultureInfo.GetCultureInfo("ja-JP")));
        Assert.Equal("You chose \"other\": please write what it is.", result.Errors[0].Message.Get(CultureInfo.GetCultureInfo("en-GB")));
    }

    [Fact]
    public void ValidateDraft_OtherWithText_KeepsTrimmedText()
    {
        var result = AnswerValidator.ValidateDraft(s_survey, Survey(("4-8", new Answer { Selected = ["other"], OtherText = "  地域の認定制度 " })));
        Assert.True(result.IsValid);
        Assert.Equal("地域の認定制度", result.Answers.Find("4-8")!.OtherText);
    }

    [Fact]
    public void ValidateDraft_OtherTextWithoutOther_IsDropped()
    {
        var result = AnswerValidator.ValidateDraft(s_survey, Survey(("4-8", new Answer { Selected = ["pmark"], OtherText = "stale" })));
        Assert.True(result.IsValid);
        Assert.Null(result.Answers.Find("4-8")!.OtherText);
    }

    [Fact]
    public void ValidateDraft_TooManyChoicesAndExclusive_AreReported()
    {
        var result = AnswerValidator.ValidateDraft(s_survey, Survey(("4-8", Answer.Choice("pmark", "isms", "preparing", "none"))));
        Assert.Equal([AnswerErrorCode.TooManyChoices, AnswerErrorCode.ExclusiveCombined], Codes(result, "4-8"));
        Assert.Equal("選べるのは3つまでです。", result.Errors[0].Message.Ja);
        Assert.Equal("「取り組んでいない」は他の答えと一緒には選べません。", result.Errors[1].Message.Ja);
        Assert.Equal("\"None\" cannot be chosen together with other answers.", result.Errors[1].Message.En);
    }

    [Fact]
    public void ValidateDraft_TwoChoicesOnSingleChoiceAndUnknownOption_AreReported()
    {
        var result = AnswerValidator.ValidateDraft(s_survey, Survey(("1-1", Answer.Choice("le5", "6-10")), ("2-5", Answer.Choice("perhaps"))));
        Assert.Equal([AnswerErrorCode.OnlyOneChoice], Codes(result, "1-1"));
        Assert.Equal([AnswerErrorCode.UnknownOption], Codes(result, "2-5"));
    }

    [Theory]
    [InlineData(-1, AnswerErrorCode.BelowMinimum)]
    [InlineData(501, AnswerErrorCode.AboveMaximum)]
    public void ValidateDraft_NumberOutOfRange_IsReported(int pcs, AnswerErrorCode expected)
    {
        Assert.Equal([expected], Codes(AnswerValidator.ValidateDraft(s_kinds, Kinds(("pcs", Answer.Of(pcs)))), "pcs"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(500)]
    public void ValidateDraft_NumberAtBounds_IsValid(int pcs)
    {
        Assert.True(AnswerValidator.ValidateDraft(s_kinds, Kinds(("pcs", Answer.Of(pcs)))).IsValid);
    }

    [Fact]
    public void ValidateDraft_Decimals_OnlyWhereAllowed()
    {
        var result = AnswerValidator.ValidateDraft(s_kinds, Kinds(("pcs", Answer.Of(2.5m)), ("ratio", Answer.Of(0.25m))));
        Assert.Equal([AnswerErrorCode.NotWholeNumber], Codes(result, "pcs"));
        Assert.Empty(Codes(result, "ratio"));
    }

    [Fact]
    public void ValidateDraft_TextTooLongAndWrongKind_AreReported()
    {
        var result = AnswerValidator.ValidateDraft(s_kinds, Kinds(("note", Answer.OfText("12345678901")), ("pcs", Answer.OfText("ten"))));
        Assert.Equal([AnswerErrorCode.TooLong], Codes(result, "note"));
        Assert.Equal("10文字以内で書いてください。", result.ErrorsFor("note").Single().Message.Ja);
        Assert.Equal([AnswerErrorCode.WrongKind], Codes(result, "pcs"));
    }

    [Fact]
    public void Submit_AnswersForAnotherVersion_Throws()
    {
        var other = Survey() with { Version = 2020 };
        Assert.Throws<ArgumentException>(() => AnswerValidator.Submit(s_survey, other));
    }
}
