using Mamori.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Mamori.Web.Migrations.Postgres.Migrations;

/// <summary>
/// Sensor ingest (issue 5): enrolment codes, per-sensor credentials and health, heartbeats, stored
/// batch ids (idempotency), name and flow summaries for retro-hunts, and sensor settings.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261207100000_SensorIngest")]
public sealed class SensorIngest : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "SensorBatches",
            columns: table => new
            {
                Id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                OperatorId = table.Column<int>(type: "integer", nullable: false),
                CompanyId = table.Column<int>(type: "integer", nullable: false),
                SensorId = table.Column<int>(type: "integer", nullable: false),
                BatchId = table.Column<Guid>(type: "uuid", nullable: false),
                Sequence = table.Column<long>(type: "bigint", nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                StoredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                ItemCount = table.Column<int>(type: "integer", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SensorBatches", x => x.Id);
                table.ForeignKey(
                    name: "FK_SensorBatches_Sensors_SensorId",
                    column: x => x.SensorId,
                    principalTable: "Sensors",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "SensorConnections",
            columns: table => new
            {
                SensorId = table.Column<int>(type: "integer", nullable: false),
                OperatorId = table.Column<int>(type: "integer", nullable: false),
                CompanyId = table.Column<int>(type: "integer", nullable: false),
                CredentialHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                EnrolledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                CredentialIssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                RevokedAt = table.Column<DateTimeOffset?>(type: "timestamp with time zone", nullable: true),
                RotationRequired = table.Column<bool>(type: "boolean", nullable: false),
                HostName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                AgentVersion = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                LastContactAt = table.Column<DateTimeOffset?>(type: "timestamp with time zone", nullable: true),
                LastSequence = table.Column<long>(type: "bigint", nullable: false),
                AgentStartedAt = table.Column<DateTimeOffset?>(type: "timestamp with time zone", nullable: true),
                CaptureDrops = table.Column<long>(type: "bigint", nullable: false),
                QueueDepth = table.Column<int>(type: "integer", nullable: false),
                QueueBytes = table.Column<long>(type: "bigint", nullable: false),
                CpuPercent = table.Column<double>(type: "double precision", nullable: false),
                MemoryBytes = table.Column<long>(type: "bigint", nullable: false),
                LostItems = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SensorConnections", x => x.SensorId);
                table.ForeignKey(
                    name: "FK_SensorConnections_Sensors_SensorId",
                    column: x => x.SensorId,
                    principalTable: "Sensors",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "SensorEnrollmentCodes",
            columns: table => new
            {
                Id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                OperatorId = table.Column<int>(type: "integer", nullable: false),
                CompanyId = table.Column<int>(type: "integer", nullable: false),
                SensorId = table.Column<int>(type: "integer", nullable: false),
                CodeHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                UsedAt = table.Column<DateTimeOffset?>(type: "timestamp with time zone", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SensorEnrollmentCodes", x => x.Id);
                table.ForeignKey(
                    name: "FK_SensorEnrollmentCodes_Sensors_SensorId",
                    column: x => x.SensorId,
                    principalTable: "Sensors",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "SensorFlowSummaries",
            columns: table => new
            {
                Id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                OperatorId = table.Column<int>(type: "integer", nullable: false),
                CompanyId = table.Column<int>(type: "integer", nullable: false),
                SensorId = table.Column<int>(type: "integer", nullable: false),
                ClientIp = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: false),
                ServerIp = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: false),
                ServerPort = table.Column<int>(type: "integer", nullable: false),
                Protocol = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                FirstSeen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                LastSeen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                Flows = table.Column<long>(type: "bigint", nullable: false),
                Bytes = table.Column<long>(type: "bigint", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SensorFlowSummaries", x => x.Id);
                table.ForeignKey(
                    name: "FK_SensorFlowSummaries_Sensors_SensorId",
                    column: x => x.SensorId,
                    principalTable: "Sensors",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "SensorHeartbeats",
            columns: table => new
            {
                Id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                OperatorId = table.Column<int>(type: "integer", nullable: false),
                CompanyId = table.Column<int>(type: "integer", nullable: false),
                SensorId = table.Column<int>(type: "integer", nullable: false),
                ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                Sequence = table.Column<long>(type: "bigint", nullable: false),
                CaptureDrops = table.Column<long>(type: "bigint", nullable: false),
                QueueDepth = table.Column<int>(type: "integer", nullable: false),
                QueueBytes = table.Column<long>(type: "bigint", nullable: false),
                CpuPercent = table.Column<double>(type: "double precision", nullable: false),
                MemoryBytes = table.Column<long>(type: "bigint", nullable: false),
                AgentVersion = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SensorHeartbeats", x => x.Id);
                table.ForeignKey(
                    name: "FK_SensorHeartbeats_Sensors_SensorId",
                    column: x => x.SensorId,
                    principalTable: "Sensors",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "SensorNameSummaries",
            columns: table => new
            {
                Id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                OperatorId = table.Column<int>(type: "integer", nullable: false),
                CompanyId = table.Column<int>(type: "integer", nullable: false),
                SensorId = table.Column<int>(type: "integer", nullable: false),
                Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                Name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                ClientIp = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: false),
                FirstSeen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                LastSeen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                Count = table.Column<long>(type: "bigint", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SensorNameSummaries", x => x.Id);
                table.ForeignKey(
                    name: "FK_SensorNameSummaries_Sensors_SensorId",
                    column: x => x.SensorId,
                    principalTable: "Sensors",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "SensorSettings",
            columns: table => new
            {
                Id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                OperatorId = table.Column<int>(type: "integer", nullable: false),
                SensorId = table.Column<int?>(type: "integer", nullable: true),
                DetectionJson = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                IntelFeedUrls = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                ShipIntervalSeconds = table.Column<int>(type: "integer", nullable: false),
                CounterIntervalSeconds = table.Column<int>(type: "integer", nullable: false),
                UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SensorSettings", x => x.Id);
                table.ForeignKey(
                    name: "FK_SensorSettings_Sensors_SensorId",
                    column: x => x.SensorId,
                    principalTable: "Sensors",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_SensorBatches_SensorId_BatchId",
            table: "SensorBatches",
            columns: new[] { "SensorId", "BatchId" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_SensorConnections_CompanyId",
            table: "SensorConnections",
            column: "CompanyId");

        migrationBuilder.CreateIndex(
            name: "IX_SensorEnrollmentCodes_CodeHash",
            table: "SensorEnrollmentCodes",
            column: "CodeHash",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_SensorEnrollmentCodes_SensorId",
            table: "SensorEnrollmentCodes",
            column: "SensorId");

        migrationBuilder.CreateIndex(
            name: "IX_SensorFlowSummaries_CompanyId_ServerIp",
            table: "SensorFlowSummaries",
            columns: new[] { "CompanyId", "ServerIp" });

        migrationBuilder.CreateIndex(
            name: "IX_SensorFlowSummaries_SensorId",
            table: "SensorFlowSummaries",
            column: "SensorId");

        migrationBuilder.CreateIndex(
            name: "IX_SensorHeartbeats_SensorId_ReceivedAt",
            table: "SensorHeartbeats",
            columns: new[] { "SensorId", "ReceivedAt" });

        migrationBuilder.CreateIndex(
            name: "IX_SensorNameSummaries_CompanyId_Name",
            table: "SensorNameSummaries",
            columns: new[] { "CompanyId", "Name" });

        migrationBuilder.CreateIndex(
            name: "IX_SensorNameSummaries_SensorId",
            table: "SensorNameSummaries",
            column: "SensorId");

        migrationBuilder.CreateIndex(
            name: "IX_SensorSettings_OperatorId_SensorId",
            table: "SensorSettings",
            columns: new[] { "OperatorId", "SensorId" });

        migrationBuilder.CreateIndex(
            name: "IX_SensorSettings_SensorId",
            table: "SensorSettings",
            column: "SensorId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "SensorSettings");
        migrationBuilder.DropTable(name: "SensorNameSummaries");
        migrationBuilder.DropTable(name: "SensorHeartbeats");
        migrationBuilder.DropTable(name: "SensorFlowSummaries");
        migrationBuilder.DropTable(name: "SensorEnrollmentCodes");
        migrationBuilder.DropTable(name: "SensorConnections");
        migrationBuilder.DropTable(name: "SensorBatches");
    }
}
