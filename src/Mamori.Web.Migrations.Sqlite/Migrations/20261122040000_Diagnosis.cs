using Mamori.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Mamori.Web.Migrations.Sqlite.Migrations;

/// <summary>Simple security diagnosis: answer sets, benchmark scores, imported peer scores, national reference values, SECURITY ACTION declarations.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122040000_Diagnosis")]
public sealed class Diagnosis : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "DiagnosisRecords",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                OperatorId = table.Column<int>(type: "INTEGER", nullable: false),
                CompanyId = table.Column<int>(type: "INTEGER", nullable: false),
                QuestionnaireId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                QuestionnaireVersion = table.Column<int>(type: "INTEGER", nullable: false),
                Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                EntryMode = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                EnteredByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                EnteredByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                StartedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                SubmittedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                AnsweredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                AnswersJson = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DiagnosisRecords", x => x.Id);
                table.ForeignKey(
                    name: "FK_DiagnosisRecords_MemberCompanies_CompanyId",
                    column: x => x.CompanyId,
                    principalTable: "MemberCompanies",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "DiagnosisBenchmarks",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                OperatorId = table.Column<int>(type: "INTEGER", nullable: false),
                CompanyId = table.Column<int>(type: "INTEGER", nullable: false),
                DiagnosisRecordId = table.Column<int>(type: "INTEGER", nullable: false),
                Industry = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                AnsweredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                ScoresJson = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DiagnosisBenchmarks", x => x.Id);
                table.ForeignKey(
                    name: "FK_DiagnosisBenchmarks_DiagnosisRecords_DiagnosisRecordId",
                    column: x => x.DiagnosisRecordId,
                    principalTable: "DiagnosisRecords",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_DiagnosisBenchmarks_MemberCompanies_CompanyId",
                    column: x => x.CompanyId,
                    principalTable: "MemberCompanies",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "PeerScoreImports",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                OperatorId = table.Column<int>(type: "INTEGER", nullable: false),
                Source = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                Industry = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                AnsweredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                ScoresJson = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PeerScoreImports", x => x.Id);
                table.ForeignKey(
                    name: "FK_PeerScoreImports_Operators_OperatorId",
                    column: x => x.OperatorId,
                    principalTable: "Operators",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "NationalReferenceValues",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                OperatorId = table.Column<int>(type: "INTEGER", nullable: false),
                Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                Value = table.Column<double>(type: "REAL", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_NationalReferenceValues", x => x.Id);
                table.ForeignKey(
                    name: "FK_NationalReferenceValues_Operators_OperatorId",
                    column: x => x.OperatorId,
                    principalTable: "Operators",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "SecurityActionRecords",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                OperatorId = table.Column<int>(type: "INTEGER", nullable: false),
                CompanyId = table.Column<int>(type: "INTEGER", nullable: false),
                Stars = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                DeclarationId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                DeclaredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                PolicyUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                RecordedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SecurityActionRecords", x => x.Id);
                table.ForeignKey(
                    name: "FK_SecurityActionRecords_MemberCompanies_CompanyId",
                    column: x => x.CompanyId,
                    principalTable: "MemberCompanies",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_DiagnosisRecords_CompanyId_Status",
            table: "DiagnosisRecords",
            columns: new[] { "CompanyId", "Status" });

        migrationBuilder.CreateIndex(
            name: "IX_DiagnosisBenchmarks_CompanyId_AnsweredOn",
            table: "DiagnosisBenchmarks",
            columns: new[] { "CompanyId", "AnsweredOn" });

        migrationBuilder.CreateIndex(
            name: "IX_DiagnosisBenchmarks_DiagnosisRecordId",
            table: "DiagnosisBenchmarks",
            column: "DiagnosisRecordId",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_PeerScoreImports_OperatorId",
            table: "PeerScoreImports",
            column: "OperatorId");

        migrationBuilder.CreateIndex(
            name: "IX_NationalReferenceValues_OperatorId_Key",
            table: "NationalReferenceValues",
            columns: new[] { "OperatorId", "Key" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_SecurityActionRecords_CompanyId_DeclaredOn",
            table: "SecurityActionRecords",
            columns: new[] { "CompanyId", "DeclaredOn" });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "SecurityActionRecords");
        migrationBuilder.DropTable(name: "NationalReferenceValues");
        migrationBuilder.DropTable(name: "PeerScoreImports");
        migrationBuilder.DropTable(name: "DiagnosisBenchmarks");
        migrationBuilder.DropTable(name: "DiagnosisRecords");
    }
}
