using CapacityConsole.Scheduler.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Web.Hosting;

public static class DataProtectionSetup
{
    /// <summary>
    /// Keys that outlive the process and are shared by every instance: in PostgreSQL when the domain
    /// tables are there, else in a "keys" folder beside the SQLite file. One application name, so
    /// instances installed in different folders still read each other's cookies (the default
    /// discriminator is the content root path).
    /// </summary>
    public static IServiceCollection AddSharedDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("CapacityConsole");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = sp.GetRequiredService<SqlDialect>() switch
            {
                PostgresDialect pg => new PostgresXmlRepository(pg.DataSource, sp.GetRequiredService<TimeProvider>()),
                SqliteDialect sqlite => new FileSystemXmlRepository(
                    Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(sqlite.DatabasePath)!, "keys")),
                    sp.GetRequiredService<ILoggerFactory>()),
                var other => throw new NotSupportedException(other.GetType().Name),
            }));
        return services;
    }
}
