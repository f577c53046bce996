using Mamori.Web.Features.Companies;
using Mamori.Web.Features.Questionnaires;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Web.Features.Diagnosis.Storage;

/// <summary>
/// One diagnosis of one company: the answers (JSON, see <see cref="DiagnosisAnswersJson"/>) to one
/// version of the questionnaire, saved as a draft section by section and then submitted.
/// </summary>
public sealed class DiagnosisRecord : ICompanyOwned
{
    public int Id { get; set; }

    public int OperatorId { get; set; }

    public int CompanyId { get; set; }

    public required string QuestionnaireId { get; set; }

    public int QuestionnaireVersion { get; set; }

    public AnswerStatus Status { get; set; }

    public AnswerEntryMode EntryMode { get; set; }

    /// <summary>The user who started it (an advisor in remote hearing, else the member).</summary>
    public required string EnteredByUserId { get; set; }

    public required string EnteredByName { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>The day the diagnosis counts for (history and benchmark), set on submission.</summary>
    public DateOnly? AnsweredOn { get; set; }

    public required string AnswersJson { get; set; }

    public AnswerSet ToAnswerSet() => DiagnosisAnswersJson.Read(this);
}

internal sealed class DiagnosisRecordConfiguration : IEntityTypeConfiguration<DiagnosisRecord>
{
    public void Configure(EntityTypeBuilder<DiagnosisRecord> builder)
    {
        builder.ToTable("DiagnosisRecords");
        builder.Property(d => d.QuestionnaireId).HasMaxLength(64);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.EntryMode).HasConversion<string>().HasMaxLength(30);
        builder.Property(d => d.EnteredByUserId).HasMaxLength(450);
        builder.Property(d => d.EnteredByName).HasMaxLength(100);
        builder.HasOne<MemberCompany>().WithMany().HasForeignKey(d => d.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.CompanyId, d.Status });
    }
}
