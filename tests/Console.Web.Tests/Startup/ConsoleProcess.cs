using System.Diagnostics;
using CapacityConsole.Testing;

namespace CapacityConsole.Web.Tests.Startup;

/// <summary>Runs the built console as its own process, the way an operator starts it.</summary>
internal static class ConsoleProcess
{
    public sealed record Outcome(int ExitCode, string StdOut, string StdErr);

    public static async Task<Outcome> RunAsync(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(AppPath());
        foreach (var a in args) start.ArgumentList.Add(a);
        start.ArgumentList.Add("--urls=http://127.0.0.1:0");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The console did not stop within 60 s; it should have refused to start.");
        }
        return new Outcome(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The console's own build output (same configuration as this test assembly).</summary>
    private static string AppPath() => BuiltApp.PathOf("Console.Web", "CapacityConsole.Web.dll");
}
