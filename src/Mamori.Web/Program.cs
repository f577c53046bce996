using Mamori.Web;

var app = MamoriWebApp.Build(MamoriWebApp.CreateBuilder(args));
await app.RunAsync();
