namespace CapacityConsole.Web.EndToEnd.Infrastructure;

/// <summary>
/// How a console process is started: the clock hook, optionally a PostgreSQL database instead of the
/// SQLite default, an ECS endpoint shared with other instances instead of the embedded emulator, and
/// any further --Section:Key=value settings.
/// </summary>
public sealed record ConsoleLaunch(bool ClockHook = true, string? PostgresConnectionString = null, SharedEcs? Ecs = null,
    IReadOnlyList<string>? Settings = null, IReadOnlyDictionary<string, string>? Environment = null)
{
    public IEnumerable<string> Arguments()
    {
        if (PostgresConnectionString is { } cs)
        {
            yield return "--Storage:Provider=Postgres";
            yield return $"--Storage:PostgresConnectionString={cs}";
            foreach (var setting in CapacityConsole.Testing.KeyRingCertificateFile.Settings) yield return setting;
        }
        if (Ecs is { } ecs)
        {
            yield return $"--Providers:AlibabaCloud:Endpoint={ecs.Endpoint}";
            yield return $"--Providers:AlibabaCloud:AccessKeyId={ecs.AccessKeyId}";
            yield return $"--Providers:AlibabaCloud:AccessKeySecret={ecs.AccessKeySecret}";
            for (var i = 0; i < ecs.Regions.Count; i++) yield return $"--Providers:AlibabaCloud:Regions:{i}={ecs.Regions[i]}";
        }
        foreach (var setting in Settings ?? []) yield return setting;
    }
}

/// <summary>An ECS endpoint several console processes talk to (the emulator run by the test).</summary>
public sealed record SharedEcs(Uri Endpoint, string AccessKeyId, string AccessKeySecret, IReadOnlyList<string> Regions);
