using Mamori.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Mamori.Web.Migrations.Postgres.Migrations;

/// <summary>
/// The monitoring core shared by ingest, triage, notices and reports (issues 5, 6, 9): security alerts,
/// incidents and their timeline, notices, sensor counter intervals, raw device observations and
/// device address history.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122050000_MonitoringCore")]
public sealed class MonitoringCore : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "DeviceObservations",
            columns: table => new
            {
                Id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                OperatorId = table.Column<int>(type: "integer", nullable: false),
                CompanyId = table.Column<int>(type: "integer", nullable: false),
                SiteId = table.Column<int?>(type: "integer", nullable: true),
                SensorId = table.Column<int?>(type: "integer", nullable: true),
                MacAddress = table.Column<string>(type: "character varying(17)", maxLength: 17, nullable: true),
                IpAddress = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: false),
                HostName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                Names = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                VendorClass = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                UserAgent = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                FirstSeen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                LastSeen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                ProcessedAt = table.Column<DateTimeOffset?>(type: "timestamp with time zone", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DeviceObservations", x => x.Id);
                table.ForeignKey(
                    name: "FK_DeviceObservations_MemberCompanies_CompanyId",
                    column: x => x.CompanyId,
                    principalTable: "MemberCompanies",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "DeviceAddresses",
            columns: table => new
            {
                Id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                OperatorId = table.Column<int>(type: "integer", nullable: false),
                CompanyId = table.Column<int>(type: "integer", nullable: false),
                DeviceId = table.Column<int>(type: "integer", nullable: false),
                IpAddress = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: false),
                FirstSeen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                LastSeen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DeviceAddresses", x => x.Id);
                table.ForeignKey(
                    name: "FK_DeviceAddresses_Devices_DeviceId",
                    column: x => x.DeviceId,
                    principalTable: "Devices",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Incidents",
            columns: table => new
            {
                Id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                OperatorId = table.Column<int>(type: "integer", nullable: false),
                CompanyId = table.Column<int>(type: "integer", nullable: false),
                SiteId = table.Column<int?>(type: "integer", nullable: true),
                DeviceId = table.Column<int?>(type: "integer", nullable: true),
                AlertType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                Severity = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                AnalystSummary = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                AssigneeUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                AssigneeName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                FirstAlertAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                LastAlertAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                FirstRespondedAt = table.Column<DateTimeOffset?>(type: "timestamp with time zone", nullable: true),
                NotifiedAt = table.Column<DateTimeOffset?>(type: "timestamp with time zone", nullable: true),
                ClosedAt = table.Column<DateTimeOffset?>(type: "timestamp with time zone", nullable: true),
                AlertCount = table.Column<int>(type: "integer", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Incidents", x => x.Id);
                table.ForeignKey(
                    name: "FK_Incidents_Devices_DeviceId",
                    column: x => x.DeviceId,
                    principalTable: "Devices",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
                table.ForeignKey(
                    name: "FK_Incidents_MemberCompanies_CompanyId",
                    column: x => x.CompanyId,
                    principalTable: "MemberCompanies",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_Incidents_Sites_SiteId",
                    column: x => x.SiteId,
                    principalTable: "Sites",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
            });

        migrationBuilder.CreateTable(
            name: "SensorCounters",
            columns: table => new
            {
                Id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                OperatorId = table.Column<int>(type: "integer", nullable: false),
                CompanyId = table.Column<int>(type: "integer", nullable: false),
                SensorId = table.Column<int>(type: "integer", nullable: false),
                Start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                End = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                Packets = table.Column<long>(type: "bigint", nullable: false),
                Bytes = table.Column<long>(type: "bigint", nullable: false),
                Flows = table.Column<long>(type: "bigint", nullable: false),
                TrafficEvents = table.Column<long>(type: "bigint", nullable: false),
                SecurityEvents = table.Column<long>(type: "bigint", nullable: false),
                DevicesSeen = table.Column<int>(type: "integer", nullable: false),
                CaptureDrops = table.Column<long>(type: "bigint", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SensorCounters", x => x.Id);
                table.ForeignKey(
                    name: "FK_SensorCounters_Sensors_SensorId",
                    column: x => x.SensorId,
                    principalTable: "Sensors",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "IncidentEvents",
            columns: table => new
            {
                Id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                OperatorId = table.Column<int>(type: "integer", nullable: false),
                CompanyId = table.Column<int>(type: "integer", nullable: false),
                IncidentId = table.Column<int>(type: "integer", nullable: false),
                At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                ActorName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_IncidentEvents", x => x.Id);
                table.ForeignKey(
                    name: "FK_IncidentEvents_Incidents_IncidentId",
                    column: x => x.IncidentId,
                    principalTable: "Incidents",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Notices",
            columns: table => new
            {
                Id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                OperatorId = table.Column<int>(type: "integer", nullable: false),
                CompanyId = table.Column<int>(type: "integer", nullable: false),
                IncidentId = table.Column<int?>(type: "integer", nullable: true),
                Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                Severity = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                Language = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                Subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                Body = table.Column<string>(type: "character varying(16000)", maxLength: 16000, nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                AuthorName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                SentAt = table.Column<DateTimeOffset?>(type: "timestamp with time zone", nullable: true),
                Delivery = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                Recipients = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                DeliveryError = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                CopiedToContractor = table.Column<bool>(type: "boolean", nullable: false),
                AcknowledgedAt = table.Column<DateTimeOffset?>(type: "timestamp with time zone", nullable: true),
                AcknowledgedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                EscalatedAt = table.Column<DateTimeOffset?>(type: "timestamp with time zone", nullable: true),
                PeriodStart = table.Column<DateOnly?>(type: "date", nullable: true),
                PeriodEnd = table.Column<DateOnly?>(type: "date", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Notices", x => x.Id);
                table.ForeignKey(
                    name: "FK_Notices_Incidents_IncidentId",
                    column: x => x.IncidentId,
                    principalTable: "Incidents",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
                table.ForeignKey(
                    name: "FK_Notices_MemberCompanies_CompanyId",
                    column: x => x.CompanyId,
                    principalTable: "MemberCompanies",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "SecurityAlerts",
            columns: table => new
            {
                Id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                OperatorId = table.Column<int>(type: "integer", nullable: false),
                CompanyId = table.Column<int>(type: "integer", nullable: false),
                SiteId = table.Column<int?>(type: "integer", nullable: true),
                SensorId = table.Column<int?>(type: "integer", nullable: true),
                ExternalId = table.Column<Guid>(type: "uuid", nullable: false),
                Type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                KillChain = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                Severity = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                SrcIp = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: true),
                SrcPort = table.Column<int?>(type: "integer", nullable: true),
                SrcName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                DstIp = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: true),
                DstPort = table.Column<int?>(type: "integer", nullable: true),
                DstName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                FirstSeen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                LastSeen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                Count = table.Column<long>(type: "bigint", nullable: false),
                Evidence = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                EvidenceJa = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                IncidentId = table.Column<int?>(type: "integer", nullable: true),
                DeviceId = table.Column<int?>(type: "integer", nullable: true),
                SuppressionRuleId = table.Column<int?>(type: "integer", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SecurityAlerts", x => x.Id);
                table.ForeignKey(
                    name: "FK_SecurityAlerts_Devices_DeviceId",
                    column: x => x.DeviceId,
                    principalTable: "Devices",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
                table.ForeignKey(
                    name: "FK_SecurityAlerts_Incidents_IncidentId",
                    column: x => x.IncidentId,
                    principalTable: "Incidents",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
                table.ForeignKey(
                    name: "FK_SecurityAlerts_MemberCompanies_CompanyId",
                    column: x => x.CompanyId,
                    principalTable: "MemberCompanies",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_SecurityAlerts_Sensors_SensorId",
                    column: x => x.SensorId,
                    principalTable: "Sensors",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
                table.ForeignKey(
                    name: "FK_SecurityAlerts_Sites_SiteId",
                    column: x => x.SiteId,
                    principalTable: "Sites",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
            });

        migrationBuilder.CreateIndex(
            name: "IX_DeviceAddresses_CompanyId_IpAddress_FirstSeen",
            table: "DeviceAddresses",
            columns: new[] { "CompanyId", "IpAddress", "FirstSeen" });

        migrationBuilder.CreateIndex(
            name: "IX_DeviceAddresses_DeviceId",
            table: "DeviceAddresses",
            column: "DeviceId");

        migrationBuilder.CreateIndex(
            name: "IX_DeviceObservations_CompanyId_ProcessedAt",
            table: "DeviceObservations",
            columns: new[] { "CompanyId", "ProcessedAt" });

        migrationBuilder.CreateIndex(
            name: "IX_IncidentEvents_IncidentId_At",
            table: "IncidentEvents",
            columns: new[] { "IncidentId", "At" });

        migrationBuilder.CreateIndex(
            name: "IX_Incidents_CompanyId_OpenedAt",
            table: "Incidents",
            columns: new[] { "CompanyId", "OpenedAt" });

        migrationBuilder.CreateIndex(
            name: "IX_Incidents_DeviceId",
            table: "Incidents",
            column: "DeviceId");

        migrationBuilder.CreateIndex(
            name: "IX_Incidents_OperatorId_State_OpenedAt",
            table: "Incidents",
            columns: new[] { "OperatorId", "State", "OpenedAt" });

        migrationBuilder.CreateIndex(
            name: "IX_Incidents_SiteId",
            table: "Incidents",
            column: "SiteId");

        migrationBuilder.CreateIndex(
            name: "IX_Notices_CompanyId_CreatedAt",
            table: "Notices",
            columns: new[] { "CompanyId", "CreatedAt" });

        migrationBuilder.CreateIndex(
            name: "IX_Notices_IncidentId",
            table: "Notices",
            column: "IncidentId");

        migrationBuilder.CreateIndex(
            name: "IX_Notices_OperatorId_Delivery",
            table: "Notices",
            columns: new[] { "OperatorId", "Delivery" });

        migrationBuilder.CreateIndex(
            name: "IX_SecurityAlerts_CompanyId_ExternalId",
            table: "SecurityAlerts",
            columns: new[] { "CompanyId", "ExternalId" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_SecurityAlerts_CompanyId_FirstSeen",
            table: "SecurityAlerts",
            columns: new[] { "CompanyId", "FirstSeen" });

        migrationBuilder.CreateIndex(
            name: "IX_SecurityAlerts_DeviceId",
            table: "SecurityAlerts",
            column: "DeviceId");

        migrationBuilder.CreateIndex(
            name: "IX_SecurityAlerts_IncidentId",
            table: "SecurityAlerts",
            column: "IncidentId");

        migrationBuilder.CreateIndex(
            name: "IX_SecurityAlerts_OperatorId_State_LastSeen",
            table: "SecurityAlerts",
            columns: new[] { "OperatorId", "State", "LastSeen" });

        migrationBuilder.CreateIndex(
            name: "IX_SecurityAlerts_SensorId",
            table: "SecurityAlerts",
            column: "SensorId");

        migrationBuilder.CreateIndex(
            name: "IX_SecurityAlerts_SiteId",
            table: "SecurityAlerts",
            column: "SiteId");

        migrationBuilder.CreateIndex(
            name: "IX_SensorCounters_CompanyId_Start",
            table: "SensorCounters",
            columns: new[] { "CompanyId", "Start" });

        migrationBuilder.CreateIndex(
            name: "IX_SensorCounters_SensorId_Start",
            table: "SensorCounters",
            columns: new[] { "SensorId", "Start" },
            unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "SecurityAlerts");
        migrationBuilder.DropTable(name: "Notices");
        migrationBuilder.DropTable(name: "IncidentEvents");
        migrationBuilder.DropTable(name: "SensorCounters");
        migrationBuilder.DropTable(name: "Incidents");
        migrationBuilder.DropTable(name: "DeviceAddresses");
        migrationBuilder.DropTable(name: "DeviceObservations");
    }
}
