using Mamori.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Mamori.Web.Migrations.Sqlite.Migrations;

/// <summary>
/// Monthly health reports (issue 9): the reports (unique per company and month, with facts JSON and
/// the PDF) and the generation runs with one item per company, which a restarted server continues.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261207130000_HealthReports")]
public sealed class HealthReports : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "HealthReportRuns",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                OperatorId = table.Column<int>(type: "INTEGER", nullable: false),
                Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                Trigger = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                RequestedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                FinishedAt = table.Column<DateTimeOffset?>(type: "TEXT", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_HealthReportRuns", x => x.Id);
                table.ForeignKey(
                    name: "FK_HealthReportRuns_Operators_OperatorId",
                    column: x => x.OperatorId,
                    principalTable: "Operators",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "HealthReports",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                OperatorId = table.Column<int>(type: "INTEGER", nullable: false),
                CompanyId = table.Column<int>(type: "INTEGER", nullable: false),
                Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                Grade = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                FactsJson = table.Column<string>(type: "TEXT", nullable: false),
                Pdf = table.Column<byte[]>(type: "BLOB", nullable: true),
                GeneratedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                PdfCreatedAt = table.Column<DateTimeOffset?>(type: "TEXT", nullable: true),
                NoticeId = table.Column<int?>(type: "INTEGER", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_HealthReports", x => x.Id);
                table.ForeignKey(
                    name: "FK_HealthReports_MemberCompanies_CompanyId",
                    column: x => x.CompanyId,
                    principalTable: "MemberCompanies",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_HealthReports_Notices_NoticeId",
                    column: x => x.NoticeId,
                    principalTable: "Notices",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
            });

        migrationBuilder.CreateTable(
            name: "HealthReportRunItems",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                OperatorId = table.Column<int>(type: "INTEGER", nullable: false),
                CompanyId = table.Column<int>(type: "INTEGER", nullable: false),
                RunId = table.Column<int>(type: "INTEGER", nullable: false),
                State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                Error = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                FinishedAt = table.Column<DateTimeOffset?>(type: "TEXT", nullable: true),
                ReportId = table.Column<int?>(type: "INTEGER", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_HealthReportRunItems", x => x.Id);
                table.ForeignKey(
                    name: "FK_HealthReportRunItems_HealthReportRuns_RunId",
                    column: x => x.RunId,
                    principalTable: "HealthReportRuns",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_HealthReportRunItems_HealthReports_ReportId",
                    column: x => x.ReportId,
                    principalTable: "HealthReports",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
                table.ForeignKey(
                    name: "FK_HealthReportRunItems_MemberCompanies_CompanyId",
                    column: x => x.CompanyId,
                    principalTable: "MemberCompanies",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_HealthReportRunItems_CompanyId",
            table: "HealthReportRunItems",
            column: "CompanyId");

        migrationBuilder.CreateIndex(
            name: "IX_HealthReportRunItems_ReportId",
            table: "HealthReportRunItems",
            column: "ReportId");

        migrationBuilder.CreateIndex(
            name: "IX_HealthReportRunItems_RunId_CompanyId",
            table: "HealthReportRunItems",
            columns: new[] { "RunId", "CompanyId" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_HealthReportRunItems_State_RunId",
            table: "HealthReportRunItems",
            columns: new[] { "State", "RunId" });

        migrationBuilder.CreateIndex(
            name: "IX_HealthReportRuns_OperatorId_Month",
            table: "HealthReportRuns",
            columns: new[] { "OperatorId", "Month" });

        migrationBuilder.CreateIndex(
            name: "IX_HealthReports_CompanyId_Month",
            table: "HealthReports",
            columns: new[] { "CompanyId", "Month" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_HealthReports_NoticeId",
            table: "HealthReports",
            column: "NoticeId");

        migrationBuilder.CreateIndex(
            name: "IX_HealthReports_OperatorId_Month",
            table: "HealthReports",
            columns: new[] { "OperatorId", "Month" });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "HealthReportRunItems");
        migrationBuilder.DropTable(name: "HealthReports");
        migrationBuilder.DropTable(name: "HealthReportRuns");
    }
}
