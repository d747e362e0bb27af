namespace CapacityConsole.Web.Hosting;

/// <summary>
/// The certificate that encrypts the Data Protection key ring at rest. That ring protects every
/// sign-in cookie and antiforgery token: whoever reads it in the clear can forge a sign-in as anyone,
/// admins included. On PostgreSQL the ring lives in the database (every instance shares it), and no
/// secret is stored there in the clear, so a certificate is required; on the embedded SQLite default
/// (keys in a folder beside the file) it is optional.
/// </summary>
public sealed class KeyRingOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>Encrypts new keys and decrypts them; every instance needs the same one.</summary>
    public KeyRingCertificate Certificate { get; set; } = new();

    /// <summary>Certificates replaced by a rotation: the keys they encrypted stay readable until those keys expire.</summary>
    public List<KeyRingCertificate> RetiredCertificates { get; set; } = [];
}

/// <summary>A PKCS#12 (.pfx) file with an RSA private key.</summary>
public sealed class KeyRingCertificate
{
    public string? Path { get; set; }

    /// <summary>From the environment or a secret store (e.g. DataProtection__Certificate__Password); never logged.</summary>
    public string? Password { get; set; }
}
