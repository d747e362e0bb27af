using System.Security.Cryptography.X509Certificates;

namespace CapacityConsole.Web.Hosting;

/// <summary>How this console keeps its Data Protection key ring, for the start-up banner (an operator checks it there).</summary>
internal sealed record KeyRingProtection(X509Certificate2? Certificate, bool InDatabase)
{
    public string Describe() =>
        (InDatabase ? "in the database (data_protection_keys), " : "in keys/ beside the SQLite file, ") + (Certificate is { } c
            ? $"encrypted with {c.Subject} (thumbprint {c.Thumbprint}, valid until {c.NotAfter.ToUniversalTime():yyyy-MM-dd})"
            : "not encrypted (set DataProtection:Certificate to encrypt it)");
}
