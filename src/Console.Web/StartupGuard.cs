using CapacityConsole.Scheduler.Storage;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Web;

internal static class StartupGuard
{
    public static async Task<int> RunAsync(Func<Task> run)
    {
        try
        {
            await run();
            return 0;
        }
        catch (Exception e) when (Describe(e) is { } line)
        {
            await Console.Error.WriteLineAsync($"capacity-console: cannot start: {line}");
            return 1;
        }
    }

    /// <summary>The one line for a failure the operator can fix; null for bugs, which keep their stack trace.</summary>
    internal static string? Describe(Exception e) => e switch
    {
        OptionsValidationException o => string.Join(" ", o.Failures),
        StartupException or SchemaTooNewException => e.Message,
        // "Failed to connect to db.example:5432" names the host; Npgsql never puts the password in a message.
        Npgsql.NpgsqlException n when n.InnerException is System.Net.Sockets.SocketException or TimeoutException || n.IsTransient =>
            $"PostgreSQL is unreachable ({FirstLine(n.Message)}); check Storage:PostgresConnectionString and that the server is up.",
        // Binding "Storage:Provider=Foo" fails with "Failed to convert configuration value at 'Storage:Provider' ...".
        InvalidOperationException when e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) =>
            e.Message + (e.InnerException is null ? "" : " " + e.InnerException.Message),
        AggregateException { InnerExceptions.Count: 1 } a => Describe(a.InnerExceptions[0]),
        _ when e.InnerException is not null => Describe(e.InnerException),
        _ => null,
    };

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
