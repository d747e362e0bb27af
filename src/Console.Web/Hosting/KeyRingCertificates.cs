using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CapacityConsole.Scheduler.Storage;

namespace CapacityConsole.Web.Hosting;

/// <summary>
/// Reads <see cref="KeyRingOptions"/> when the console is built (Data Protection takes its
/// certificates then), and refuses, with one line naming the setting, a key ring that would be stored
/// in the database unencrypted or a certificate it could not decrypt with.
/// </summary>
internal static class KeyRingCertificates
{
    public static (X509Certificate2? Current, X509Certificate2[] Retired) Load(KeyRingOptions options, bool required)
    {
        const string current = $"{KeyRingOptions.SectionName}:{nameof(KeyRingOptions.Certificate)}";
        if (string.IsNullOrWhiteSpace(options.Certificate.Path))
        {
            if (required)
                throw new StartupException(
                    $"{current}:Path is required when Storage:Provider is Postgres: the key ring that protects every sign-in cookie is stored in the database, and only encrypted with this certificate (see README, Run in production).");
            if (options.RetiredCertificates.Count > 0)
                throw new StartupException($"{KeyRingOptions.SectionName}:RetiredCertificates needs {current}:Path as well: new keys must be encrypted with the current certificate.");
            return (null, []);
        }
        var retired = options.RetiredCertificates
            .Select((c, i) => Load(c, $"{KeyRingOptions.SectionName}:{nameof(KeyRingOptions.RetiredCertificates)}:{i}"))
            .ToArray();
        return (Load(options.Certificate, current), retired);
    }

    private static X509Certificate2 Load(KeyRingCertificate entry, string setting)
    {
        if (string.IsNullOrWhiteSpace(entry.Path)) throw new StartupException($"{setting}:Path is required.");
        if (!File.Exists(entry.Path)) throw new StartupException($"{setting}:Path: there is no file '{entry.Path}'.");
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(entry.Path, entry.Password);
        }
        catch (CryptographicException)
        {
            // The exception's own text can quote the file's contents; the password is never part of the line.
            throw new StartupException($"{setting}: '{entry.Path}' is not a PKCS#12 (.pfx) file, or {setting}:Password does not open it.");
        }
        if (!certificate.HasPrivateKey)
            throw new StartupException($"{setting}: '{entry.Path}' holds no private key; the console needs it to read the keys it encrypts.");
        using var rsa = certificate.GetRSAPublicKey();
        if (rsa is null)
            throw new StartupException($"{setting}: '{entry.Path}' is not an RSA certificate; Data Protection encrypts its keys with RSA only.");
        return certificate;
    }
}
