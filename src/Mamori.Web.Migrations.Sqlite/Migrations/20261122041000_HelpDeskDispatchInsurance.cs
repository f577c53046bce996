using Mamori.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Mamori.Web.Migrations.Sqlite.Migrations;

/// <summary>Help desk inquiries and replies, dispatches and visits, insurance policies and claims (issue 7).</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122041000_HelpDeskDispatchInsurance")]
public sealed class HelpDeskDispatchInsurance : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Inquiries",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                OperatorId = table.Column<int>(type: "INTEGER", nullable: false),
                CompanyId = table.Column<int?>(type: "INTEGER", nullable: true),
                SiteId = table.Column<int?>(type: "INTEGER", nullable: true),
                DeviceId = table.Column<int?>(type: "INTEGER", nullable: true),
                IncidentId = table.Column<int?>(type: "INTEGER", nullable: true),
                Channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                Category = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                Status = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                FromName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                FromAddress = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                Subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                Body = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                ReceivedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                FirstRespondedAt = table.Column<DateTimeOffset?>(type: "TEXT", nullable: true),
                ResolvedAt = table.Column<DateTimeOffset?>(type: "TEXT", nullable: true),
                AssigneeName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Inquiries", x => x.Id);
                table.ForeignKey(
                    name: "FK_Inquiries_MemberCompanies_CompanyId",
                    column: x => x.CompanyId,
                    principalTable: "MemberCompanies",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_Inquiries_Devices_DeviceId",
                    column: x => x.DeviceId,
                    principalTable: "Devices",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
                table.ForeignKey(
                    name: "FK_Inquiries_Operators_OperatorId",
                    column: x => x.OperatorId,
                    principalTable: "Operators",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_Inquiries_Sites_SiteId",
                    column: x => x.SiteId,
                    principalTable: "Sites",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
            });

        migrationBuilder.CreateTable(
            name: "InquiryReplies",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                OperatorId = table.Column<int>(type: "INTEGER", nullable: false),
                CompanyId = table.Column<int?>(type: "INTEGER", nullable: true),
                InquiryId = table.Column<int>(type: "INTEGER", nullable: false),
                ByStaff = table.Column<bool>(type: "INTEGER", nullable: false),
                AuthorName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                Text = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                WrittenAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_InquiryReplies", x => x.Id);
                table.ForeignKey(
                    name: "FK_InquiryReplies_Inquiries_InquiryId",
                    column: x => x.InquiryId,
                    principalTable: "Inquiries",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Dispatches",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                OperatorId = table.Column<int>(type: "INTEGER", nullable: false),
                CompanyId = table.Column<int>(type: "INTEGER", nullable: false),
                SiteId = table.Column<int>(type: "INTEGER", nullable: false),
                InquiryId = table.Column<int?>(type: "INTEGER", nullable: true),
                IncidentId = table.Column<int?>(type: "INTEGER", nullable: true),
                VendorId = table.Column<int?>(type: "INTEGER", nullable: true),
                Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                RemoteImpossible = table.Column<bool>(type: "INTEGER", nullable: false),
                Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                RequestedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                RespondedAt = table.Column<DateTimeOffset?>(type: "TEXT", nullable: true),
                DeclineReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Dispatches", x => x.Id);
                table.ForeignKey(
                    name: "FK_Dispatches_Inquiries_InquiryId",
                    column: x => x.InquiryId,
                    principalTable: "Inquiries",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
                table.ForeignKey(
                    name: "FK_Dispatches_MemberCompanies_CompanyId",
                    column: x => x.CompanyId,
                    principalTable: "MemberCompanies",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_Dispatches_Sites_SiteId",
                    column: x => x.SiteId,
                    principalTable: "Sites",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_Dispatches_Vendors_VendorId",
                    column: x => x.VendorId,
                    principalTable: "Vendors",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "InsurancePolicies",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                OperatorId = table.Column<int>(type: "INTEGER", nullable: false),
                CompanyId = table.Column<int>(type: "INTEGER", nullable: false),
                InsurerId = table.Column<int>(type: "INTEGER", nullable: false),
                PolicyNumber = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                Cover = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                AnnualLimitYen = table.Column<long>(type: "INTEGER", nullable: false),
                StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_InsurancePolicies", x => x.Id);
                table.ForeignKey(
                    name: "FK_InsurancePolicies_Insurers_InsurerId",
                    column: x => x.InsurerId,
                    principalTable: "Insurers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_InsurancePolicies_MemberCompanies_CompanyId",
                    column: x => x.CompanyId,
                    principalTable: "MemberCompanies",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Visits",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                OperatorId = table.Column<int>(type: "INTEGER", nullable: false),
                CompanyId = table.Column<int>(type: "INTEGER", nullable: false),
                VendorId = table.Column<int?>(type: "INTEGER", nullable: true),
                DispatchId = table.Column<int>(type: "INTEGER", nullable: false),
                Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                StartedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                EndedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                WorkDone = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                CostYen = table.Column<long>(type: "INTEGER", nullable: false),
                ConfirmedAt = table.Column<DateTimeOffset?>(type: "TEXT", nullable: true),
                ConfirmedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Visits", x => x.Id);
                table.ForeignKey(
                    name: "FK_Visits_Dispatches_DispatchId",
                    column: x => x.DispatchId,
                    principalTable: "Dispatches",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "InsuranceClaims",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                OperatorId = table.Column<int>(type: "INTEGER", nullable: false),
                CompanyId = table.Column<int>(type: "INTEGER", nullable: false),
                PolicyId = table.Column<int>(type: "INTEGER", nullable: false),
                DispatchId = table.Column<int?>(type: "INTEGER", nullable: true),
                Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                IncurredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                AmountYen = table.Column<long>(type: "INTEGER", nullable: false),
                CoveredYen = table.Column<long>(type: "INTEGER", nullable: false),
                ExceedsLimit = table.Column<bool>(type: "INTEGER", nullable: false),
                Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                FiledAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_InsuranceClaims", x => x.Id);
                table.ForeignKey(
                    name: "FK_InsuranceClaims_Dispatches_DispatchId",
                    column: x => x.DispatchId,
                    principalTable: "Dispatches",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
                table.ForeignKey(
                    name: "FK_InsuranceClaims_InsurancePolicies_PolicyId",
                    column: x => x.PolicyId,
                    principalTable: "InsurancePolicies",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_Inquiries_OperatorId_ReceivedAt",
            table: "Inquiries",
            columns: new[] { "OperatorId", "ReceivedAt" });

        migrationBuilder.CreateIndex(
            name: "IX_Inquiries_CompanyId",
            table: "Inquiries",
            column: "CompanyId");

        migrationBuilder.CreateIndex(
            name: "IX_Inquiries_SiteId",
            table: "Inquiries",
            column: "SiteId");

        migrationBuilder.CreateIndex(
            name: "IX_Inquiries_DeviceId",
            table: "Inquiries",
            column: "DeviceId");

        migrationBuilder.CreateIndex(
            name: "IX_InquiryReplies_InquiryId",
            table: "InquiryReplies",
            column: "InquiryId");

        migrationBuilder.CreateIndex(
            name: "IX_Dispatches_CompanyId",
            table: "Dispatches",
            column: "CompanyId");

        migrationBuilder.CreateIndex(
            name: "IX_Dispatches_SiteId",
            table: "Dispatches",
            column: "SiteId");

        migrationBuilder.CreateIndex(
            name: "IX_Dispatches_InquiryId",
            table: "Dispatches",
            column: "InquiryId");

        migrationBuilder.CreateIndex(
            name: "IX_Dispatches_VendorId",
            table: "Dispatches",
            column: "VendorId");

        migrationBuilder.CreateIndex(
            name: "IX_InsurancePolicies_CompanyId_Cover",
            table: "InsurancePolicies",
            columns: new[] { "CompanyId", "Cover" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_InsurancePolicies_InsurerId",
            table: "InsurancePolicies",
            column: "InsurerId");

        migrationBuilder.CreateIndex(
            name: "IX_Visits_DispatchId",
            table: "Visits",
            column: "DispatchId",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_InsuranceClaims_PolicyId",
            table: "InsuranceClaims",
            column: "PolicyId");

        migrationBuilder.CreateIndex(
            name: "IX_InsuranceClaims_DispatchId",
            table: "InsuranceClaims",
            column: "DispatchId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "InsuranceClaims");
        migrationBuilder.DropTable(name: "Visits");
        migrationBuilder.DropTable(name: "InsurancePolicies");
        migrationBuilder.DropTable(name: "Dispatches");
        migrationBuilder.DropTable(name: "InquiryReplies");
        migrationBuilder.DropTable(name: "Inquiries");
    }
}
