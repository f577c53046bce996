using System.Linq.Expressions;
using Mamori.Web.Features.Companies;
using Mamori.Web.Features.Devices;
using Mamori.Web.Features.Diagnosis.Storage;
using Mamori.Web.Features.Insurance;
using Mamori.Web.Features.Operators;
using Mamori.Web.Features.Sensors;
using Mamori.Web.Features.Sites;
using Mamori.Web.Features.Vendors;
using Mamori.Web.Infrastructure.Identity;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Data;

/// <summary>
/// The one database context. Every entity that implements a tenancy marker of
/// Infrastructure/Tenancy/TenantOwnership.cs gets query filters here, so no page or handler has to remember
/// to filter by tenant; see <see cref="TenantFilters"/>.
/// </summary>
public sealed class AppDbContext : IdentityDbContext<ApplicationUser>
{
    private readonly ITenantContext _tenant;

    public AppDbContext(DbContextOptions<AppDbContext> options, ITenantContext tenant)
        : base(options)
    {
        _tenant = tenant;
    }

    public DbSet<OperatorOrganisation> Operators => Set<OperatorOrganisation>();

    public DbSet<SocProvider> SocProviders => Set<SocProvider>();

    public DbSet<Insurer> Insurers => Set<Insurer>();

    public DbSet<MemberCompany> Companies => Set<MemberCompany>();

    public DbSet<CompanyContact> CompanyContacts => Set<CompanyContact>();

    public DbSet<Site> Sites => Set<Site>();

    public DbSet<NetworkSensor> Sensors => Set<NetworkSensor>();

    public DbSet<Device> Devices => Set<Device>();

    public DbSet<Vendor> Vendors => Set<Vendor>();

    public DbSet<DiagnosisRecord> DiagnosisRecords => Set<DiagnosisRecord>();

    public DbSet<DiagnosisBenchmark> DiagnosisBenchmarks => Set<DiagnosisBenchmark>();

    public DbSet<PeerScoreImport> PeerScoreImports => Set<PeerScoreImport>();

    public DbSet<NationalReferenceValue> NationalReferenceValues => Set<NationalReferenceValue>();

    public DbSet<SecurityActionRecord> SecurityActionRecords => Set<SecurityActionRecord>();

    public DbSet<Features.HelpDesk.Inquiry> Inquiries => Set<Features.HelpDesk.Inquiry>();

    public DbSet<Features.HelpDesk.InquiryReply> InquiryReplies => Set<Features.HelpDesk.InquiryReply>();

    public DbSet<Features.Dispatch.DispatchRequest> Dispatches => Set<Features.Dispatch.DispatchRequest>();

    public DbSet<Features.Dispatch.Visit> Visits => Set<Features.Dispatch.Visit>();

    public DbSet<InsurancePolicy> InsurancePolicies => Set<InsurancePolicy>();

    public DbSet<InsuranceClaim> InsuranceClaims => Set<InsuranceClaim>();

    public DbSet<Features.Alerts.SecurityAlert> SecurityAlerts => Set<Features.Alerts.SecurityAlert>();

    public DbSet<Features.Incidents.Incident> Incidents => Set<Features.Incidents.Incident>();

    public DbSet<Features.Incidents.IncidentEvent> IncidentEvents => Set<Features.Incidents.IncidentEvent>();

    public DbSet<Features.Notices.Notice> Notices => Set<Features.Notices.Notice>();

    public DbSet<SensorCounterInterval> SensorCounters => Set<SensorCounterInterval>();

    public DbSet<DeviceObservation> DeviceObservations => Set<DeviceObservation>();

    public DbSet<DeviceAddress> DeviceAddresses => Set<DeviceAddress>();

    public ITenantContext Tenant => _tenant;

    // The query filters read these at query time (EF parameterises members of the context).
    internal bool TenantIsSystem => _tenant.Scope == TenantScope.System;

    internal bool TenantSeesAllCompanies => _tenant.Scope is TenantScope.System or TenantScope.Operator;

    internal bool TenantIsVendor => _tenant.Scope == TenantScope.Vendor;

    internal int? TenantOperatorId => _tenant.OperatorId;

    internal int? TenantCompanyId => _tenant.CompanyId;

    internal int? TenantVendorId => _tenant.VendorId;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        builder.Entity<ApplicationUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(100);
            user.HasOne<OperatorOrganisation>().WithMany().HasForeignKey(u => u.OperatorId).OnDelete(DeleteBehavior.Restrict);
            user.HasOne<MemberCompany>().WithMany().HasForeignKey(u => u.CompanyId).OnDelete(DeleteBehavior.Restrict);
            user.HasOne<Vendor>().WithMany().HasForeignKey(u => u.VendorId).OnDelete(DeleteBehavior.Restrict);
        });

        foreach (var entityType in builder.Model.GetEntityTypes().ToList())
        {
            if (entityType.IsOwned() || entityType.ClrType.IsInterface)
            {
                continue;
            }

            var filters = TenantFilters.For(entityType.ClrType, Expression.Constant(this));
            foreach (var (name, filter) in filters)
            {
                builder.Entity(entityType.ClrType).HasQueryFilter(name, filter);
            }
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        TenantWriteGuard.Check(this);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        TenantWriteGuard.Check(this);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }
}
