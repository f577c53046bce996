using Mamori.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Mamori.Web.Migrations.Postgres.Migrations;

/// <summary>
/// Triage and notices (issue 6): suppression rules for known-benign alerts, the company's maintenance
/// contractor (copied on notices, R-6.5), and e-mail retry state on notices.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261207120000_TriageNotices")]
public sealed class TriageNotices : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "SuppressionRules",
            columns: table => new
            {
                Id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                OperatorId = table.Column<int>(type: "integer", nullable: false),
                CompanyId = table.Column<int>(type: "integer", nullable: false),
                AlertType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                SrcIp = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: true),
                DstIp = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: true),
                DstName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                MatchedCount = table.Column<int>(type: "integer", nullable: false),
                LastMatchedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SuppressionRules", x => x.Id);
                table.ForeignKey(
                    name: "FK_SuppressionRules_MemberCompanies_CompanyId",
                    column: x => x.CompanyId,
                    principalTable: "MemberCompanies",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_SuppressionRules_CompanyId_ExpiresAt",
            table: "SuppressionRules",
            columns: ["CompanyId", "ExpiresAt"]);

        migrationBuilder.AddColumn<string>(name: "ContractorName", table: "MemberCompanies", type: "character varying(200)", maxLength: 200, nullable: true);
        migrationBuilder.AddColumn<string>(name: "ContractorEmail", table: "MemberCompanies", type: "character varying(256)", maxLength: 256, nullable: true);
        migrationBuilder.AddColumn<string>(name: "NoticeLanguage", table: "MemberCompanies", type: "character varying(5)", maxLength: 5, nullable: false, defaultValue: "ja");
        migrationBuilder.AddColumn<int>(name: "DeliveryAttempts", table: "Notices", type: "integer", nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<DateTimeOffset>(name: "NextAttemptAt", table: "Notices", type: "timestamp with time zone", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "SuppressionRules");
        migrationBuilder.DropColumn(name: "ContractorName", table: "MemberCompanies");
        migrationBuilder.DropColumn(name: "ContractorEmail", table: "MemberCompanies");
        migrationBuilder.DropColumn(name: "NoticeLanguage", table: "MemberCompanies");
        migrationBuilder.DropColumn(name: "DeliveryAttempts", table: "Notices");
        migrationBuilder.DropColumn(name: "NextAttemptAt", table: "Notices");
    }
}
