using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CapacityConsole.Testing;

/// <summary>
/// A self-signed RSA certificate in a PKCS#12 file, made once per test process, for consoles whose
/// Data Protection key ring must be encrypted (every console on PostgreSQL): instances started with
/// the same <see cref="Settings"/> read each other's keys (linked into the projects that need it).
/// </summary>
internal static class KeyRingCertificateFile
{
    private static readonly Lazy<(string Path, string Password)> File = new(Create);

    public static string Path => File.Value.Path;
    public static string Password => File.Value.Password;

    /// <summary>The command-line settings that give a console this certificate.</summary>
    public static string[] Settings => [$"--DataProtection:Certificate:Path={Path}", $"--DataProtection:Certificate:Password={Password}"];

    /// <summary>Another certificate each call, in <paramref name="folder"/> (for a rotation).</summary>
    public static string CreateAnother(string folder, string password)
    {
        var path = System.IO.Path.Combine(folder, $"other-key-ring-{Guid.NewGuid():N}.pfx");
        Write(path, password);
        return path;
    }

    private static (string, string) Create()
    {
        var folder = Directory.CreateTempSubdirectory("cc-key-ring-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var path = System.IO.Path.Combine(folder, "key-ring.pfx");
        Write(path, password);
        return (path, password);
    }

    private static void Write(string path, string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=CapacityConsole test key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        System.IO.File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
    }
}
