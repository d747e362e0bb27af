using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace CapacityConsole.Web.Hosting;

/// <summary>
/// Data Protection's key ring in PostgreSQL (table data_protection_keys, migration 0008), so every
/// instance on the database unprotects what another protected: sign-in cookies, antiforgery tokens.
/// Data Protection calls this synchronously and rarely (start-up and key rotation, every 90 days).
/// </summary>
internal sealed class PostgresXmlRepository(NpgsqlDataSource dataSource, TimeProvider clock) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = dataSource.OpenConnection();
        return connection.Query<string>("SELECT xml FROM data_protection_keys ORDER BY created_at")
            .Select(x => XElement.Parse(x)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = dataSource.OpenConnection();
        // Names are "key-<guid>": unique per key, so a second instance storing the same key is a no-op.
        connection.Execute("""
            INSERT INTO data_protection_keys (friendly_name, xml, created_at) VALUES (@friendlyName, @xml, @now)
            ON CONFLICT (friendly_name) DO NOTHING
            """, new { friendlyName, xml = element.ToString(SaveOptions.DisableFormatting), now = clock.GetUtcNow() });
    }
}
