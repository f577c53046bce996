using Mamori.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Mamori.Web.Migrations.Postgres.Migrations;

/// <summary>
/// Device inventory: the company's columns (location, purpose, notes), what the sensors tell
/// (vendor, random MAC, OS and software hints, names, first/last seen), and which device each
/// observation was folded into.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261207110000_DeviceInventory")]
public sealed class DeviceInventory : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "Location", table: "Devices", type: "character varying(200)", maxLength: 200, nullable: true);
        migrationBuilder.AddColumn<string>(name: "Purpose", table: "Devices", type: "character varying(200)", maxLength: 200, nullable: true);
        migrationBuilder.AddColumn<string>(name: "Notes", table: "Devices", type: "character varying(2000)", maxLength: 2000, nullable: true);
        migrationBuilder.AddColumn<string>(name: "Vendor", table: "Devices", type: "character varying(200)", maxLength: 200, nullable: true);
        migrationBuilder.AddColumn<string>(name: "OsHint", table: "Devices", type: "character varying(100)", maxLength: 100, nullable: true);
        migrationBuilder.AddColumn<string>(name: "SoftwareHints", table: "Devices", type: "character varying(1000)", maxLength: 1000, nullable: true);
        migrationBuilder.AddColumn<string>(name: "Names", table: "Devices", type: "character varying(1000)", maxLength: 1000, nullable: true);
        migrationBuilder.AddColumn<bool>(name: "RandomMac", table: "Devices", type: "boolean", nullable: false, defaultValue: false);
        migrationBuilder.AddColumn<bool>(name: "Discovered", table: "Devices", type: "boolean", nullable: false, defaultValue: false);
        migrationBuilder.AddColumn<DateTimeOffset>(name: "FirstSeen", table: "Devices", type: "timestamp with time zone", nullable: true);
        migrationBuilder.AddColumn<DateTimeOffset>(name: "LastSeen", table: "Devices", type: "timestamp with time zone", nullable: true);
        migrationBuilder.AddColumn<int>(name: "DeviceId", table: "DeviceObservations", type: "integer", nullable: true);
        migrationBuilder.AddColumn<string>(name: "Error", table: "DeviceObservations", type: "character varying(40)", maxLength: 40, nullable: true);
        migrationBuilder.CreateIndex(name: "IX_Devices_CompanyId_MacAddress", table: "Devices", columns: new[] { "CompanyId", "MacAddress" });
        migrationBuilder.CreateIndex(name: "IX_DeviceObservations_DeviceId", table: "DeviceObservations", column: "DeviceId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_DeviceObservations_DeviceId", table: "DeviceObservations");
        migrationBuilder.DropIndex(name: "IX_Devices_CompanyId_MacAddress", table: "Devices");
        migrationBuilder.DropColumn(name: "Error", table: "DeviceObservations");
        migrationBuilder.DropColumn(name: "DeviceId", table: "DeviceObservations");
        migrationBuilder.DropColumn(name: "Location", table: "Devices");
        migrationBuilder.DropColumn(name: "Purpose", table: "Devices");
        migrationBuilder.DropColumn(name: "Notes", table: "Devices");
        migrationBuilder.DropColumn(name: "Vendor", table: "Devices");
        migrationBuilder.DropColumn(name: "OsHint", table: "Devices");
        migrationBuilder.DropColumn(name: "SoftwareHints", table: "Devices");
        migrationBuilder.DropColumn(name: "Names", table: "Devices");
        migrationBuilder.DropColumn(name: "RandomMac", table: "Devices");
        migrationBuilder.DropColumn(name: "Discovered", table: "Devices");
        migrationBuilder.DropColumn(name: "FirstSeen", table: "Devices");
        migrationBuilder.DropColumn(name: "LastSeen", table: "Devices");
    }
}
