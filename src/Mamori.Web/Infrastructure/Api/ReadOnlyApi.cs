using System.Linq.Expressions;
using Mamori.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Infrastructure.Api;

/// <summary>List and get-by-id endpoints for an entity, projected by hand into a DTO.</summary>
internal static class ReadOnlyApi
{
    public static RouteGroupBuilder MapReadOnly<TEntity, TDto>(this RouteGroupBuilder api, string path, Expression<Func<TEntity, TDto>> projection)
        where TEntity : class
    {
        api.MapGet("/" + path, async (AppDbContext db, CancellationToken ct) =>
            await db.Set<TEntity>().OrderBy(e => EF.Property<int>(e, "Id")).Select(projection).ToListAsync(ct));

        api.MapGet("/" + path + "/{id:int}", async Task<IResult> (int id, AppDbContext db, CancellationToken ct) =>
        {
            var row = await db.Set<TEntity>().Where(e => EF.Property<int>(e, "Id") == id).Select(projection).FirstOrDefaultAsync(ct);
            return row is null ? TypedResults.NotFound() : TypedResults.Ok(row);
        });
        return api;
    }
}
