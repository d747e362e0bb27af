using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace CapacityConsole.Web.Hosting;

/// <summary>
/// Data Protection's key ring in PostgreSQL (table data_protection_keys, migration 0008), so every
/// instance on the database unprotects what another protected: sign-in cookies, antiforgery tokens.
/// Data Protection calls this synchronously and rarely (start-up and key rotation, every 90 days).
/// The keys it stores are encrypted with the certificate of <see cref="KeyRingOptions"/>.
/// </summary>
internal sealed partial class PostgresXmlRepository(NpgsqlDataSource dataSource, TimeProvider clock, ILogger<PostgresXmlRepository> logger) : IXmlRepository
{
    private static readonly XName EncryptedSecret = "encryptedSecret";
    private int _warned;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = dataSource.OpenConnection();
        var elements = connection.Query<string>("SELECT xml FROM data_protection_keys ORDER BY created_at")
            .Select(x => XElement.Parse(x)).ToList();
        // Keys written before the key ring was encrypted (console versions before the certificate was
        // required) stay readable, and so in the clear, until they expire; the operator decides when
        // to delete them, because that signs out everyone whose cookie they protect.
        var clear = elements.Count(e => e.Name == "key" && !e.Descendants(EncryptedSecret).Any());
        if (clear > 0 && Interlocked.Exchange(ref _warned, 1) == 0) UnencryptedKeys(clear);
        return elements;
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

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "{Count} Data Protection keys in data_protection_keys are stored unencrypted (written before DataProtection:Certificate was required). " +
        "They stay valid until they expire; to remove them now, delete their rows where the xml has no encryptedSecret (everyone signed in with them signs in again).")]
    private partial void UnencryptedKeys(int count);
}
