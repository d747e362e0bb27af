using System.Net;
using CapacityConsole.Testing;
using CapacityConsole.Web.Hosting;
using CapacityConsole.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace CapacityConsole.Web.Tests.Hosting;

/// <summary>
/// The Data Protection key ring, which protects every sign-in cookie, is stored encrypted with the
/// configured certificate: the stored key holds no readable secret, a console with the certificate
/// (a restart, another instance, a rotation that keeps the old one as retired) reads it, and one
/// without it cannot accept the cookies it protected.
/// </summary>
public sealed class KeyRingEncryptionTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cc-key-ring-").FullName;

    [Fact]
    public async Task TheStoredKey_IsEncrypted_AndOnlyAConsoleWithTheCertificateAcceptsItsCookies()
    {
        var cookie = await SignInAsync(KeyRingCertificateFile.Settings);

        var key = Assert.Single(Directory.GetFiles(Path.Combine(_folder, "keys"), "key-*.xml"));
        var xml = await File.ReadAllTextAsync(key);
        Assert.Contains("<encryptedSecret", xml);
        Assert.DoesNotContain("<masterKey", xml);

        Assert.Equal(HttpStatusCode.OK, await CallWithAsync(cookie, KeyRingCertificateFile.Settings));
        // Without the certificate the key cannot be read, so neither can the cookie it protected.
        Assert.Equal(HttpStatusCode.Unauthorized, await CallWithAsync(cookie, []));
    }

    [Fact]
    public async Task TheBanner_SaysWhereTheKeyRingIs_AndWithWhichCertificate()
    {
        await using var console = new KeyRingConsole(_folder, KeyRingCertificateFile.Settings);
        using var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(KeyRingCertificateFile.Path, KeyRingCertificateFile.Password);

        var line = console.Services.GetRequiredService<KeyRingProtection>().Describe();

        Assert.Equal($"in keys/ beside the SQLite file, encrypted with CN=CapacityConsole test key ring (thumbprint {certificate.Thumbprint}, " +
            $"valid until {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd})", line);
        Assert.DoesNotContain(KeyRingCertificateFile.Password, line);
    }

    [Fact]
    public async Task AfterARotation_TheRetiredCertificate_StillReadsTheOlderKeys()
    {
        var cookie = await SignInAsync(KeyRingCertificateFile.Settings);
        const string password = "rotated-certificate";
        var next = KeyRingCertificateFile.CreateAnother(_folder, password);
        string[] rotated =
        [
            $"--DataProtection:Certificate:Path={next}", $"--DataProtection:Certificate:Password={password}",
            $"--DataProtection:RetiredCertificates:0:Path={KeyRingCertificateFile.Path}",
            $"--DataProtection:RetiredCertificates:0:Password={KeyRingCertificateFile.Password}",
        ];

        Assert.Equal(HttpStatusCode.OK, await CallWithAsync(cookie, rotated));
        // The new certificate alone does not open a key the old one encrypted.
        Assert.Equal(HttpStatusCode.Unauthorized, await CallWithAsync(cookie, rotated[..2]));
    }

    private async Task<string> SignInAsync(string[] settings)
    {
        await using var console = new KeyRingConsole(_folder, settings);
        var jar = new CookieContainer();
        using var client = console.CreateDefaultClient(new CookieContainerHandler(jar));
        Assert.Equal(HttpStatusCode.Redirect, (await SignedInClient.PostSignInAsync(client, "viewer", ConsoleFactory.DemoPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/zones")).StatusCode);
        return jar.GetCookieHeader(client.BaseAddress!);
    }

    private async Task<HttpStatusCode> CallWithAsync(string cookie, string[] settings)
    {
        await using var console = new KeyRingConsole(_folder, settings);
        using var client = console.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/zones") { Headers = { { "Cookie", cookie } } };
        return (await client.SendAsync(request)).StatusCode;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await TempFolder.DeleteAsync(_folder);
    }

    /// <summary>The console on the test's data folder (kept across consoles, as a restart keeps it) with the given --Key=value settings.</summary>
    private sealed class KeyRingConsole(string folder, string[] settings) : WebApplicationFactory<CapacityConsole.Web.Components.App>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Storage:DataDirectory", folder);
            builder.UseSetting("Demo:Password", ConsoleFactory.DemoPassword);
            builder.UseSetting("Demo:FlashSale", "false");
            foreach (var setting in settings)
            {
                var (key, value) = (setting[2..setting.IndexOf('=')], setting[(setting.IndexOf('=') + 1)..]);
                builder.UseSetting(key, value);
            }
        }
    }
}
