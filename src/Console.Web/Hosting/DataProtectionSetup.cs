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
    /// tables are there, else in a "keys" folder beside the SQLite file; encrypted with the
    /// certificate of <see cref="KeyRingOptions"/> (required on PostgreSQL). One application name, so
    /// instances installed in different folders still read each other's cookies (the default
    /// discriminator is the content root path).
    /// </summary>
    public static WebApplicationBuilder AddSharedDataProtection(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var dataProtection = services.AddDataProtection().SetApplicationName("CapacityConsole");
        // Data Protection takes its certificates when it is registered, so they are read from
        // configuration here, as the single sign-on handler's presence is (OidcSetup).
        var storage = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var inDatabase = storage.Provider == StorageProvider.Postgres;
        var (current, retired) = KeyRingCertificates.Load(
            builder.Configuration.GetSection(KeyRingOptions.SectionName).Get<KeyRingOptions>() ?? new KeyRingOptions(),
            // Without a connection string the start stops on that first (StorageOptions' own line).
            required: inDatabase && !string.IsNullOrWhiteSpace(storage.PostgresConnectionString));
        services.AddSingleton(new KeyRingProtection(current, inDatabase));
        if (current is not null)
        {
            dataProtection.ProtectKeysWithCertificate(current);
            if (retired.Length > 0) dataProtection.UnprotectKeysWithAnyCertificate(retired);
        }
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = sp.GetRequiredService<SqlDialect>() switch
            {
                PostgresDialect pg => new PostgresXmlRepository(pg.DataSource, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<PostgresXmlRepository>>()),
                SqliteDialect sqlite => new FileSystemXmlRepository(
                    Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(sqlite.DatabasePath)!, "keys")),
                    sp.GetRequiredService<ILoggerFactory>()),
                var other => throw new NotSupportedException(other.GetType().Name),
            }));
        return builder;
    }
}
