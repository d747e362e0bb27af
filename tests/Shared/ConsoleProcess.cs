using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CapacityConsole.Testing;

/// <summary>
/// The built console started as its own process on loopback (Development, a fresh data folder, a demo
/// password), with its output collected, for the benchmark programs; <see cref="WaitForAddressAsync"/>
/// reads the address it bound (port 0) from its start-up banner.
/// </summary>
public sealed partial class ConsoleProcess
{
    private readonly ConcurrentQueue<string> _output = new();

    private ConsoleProcess(Process process) => Process = process;

    public Process Process { get; }

    public string Output => string.Join("\n", _output);

    public static ConsoleProcess Start(string dataFolder, string demoPassword, IEnumerable<string> settings)
    {
        var dll = BuiltApp.PathOf("Console.Web", "CapacityConsole.Web.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "--urls", "http://127.0.0.1:0", $"--Storage:DataDirectory={dataFolder}", $"--Demo:Password={demoPassword}" }.Concat(settings))
            info.ArgumentList.Add(arg);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        // A load client's socket tuning (Live.Benchmarks runs its completions inline) is not the console's.
        info.Environment.Remove("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS");
        var console = new ConsoleProcess(Process.Start(info) ?? throw new InvalidOperationException("Could not start the console."));
        console.Process.OutputDataReceived += (_, e) => { if (e.Data is not null) console._output.Enqueue(e.Data); };
        console.Process.ErrorDataReceived += (_, e) => { if (e.Data is not null) console._output.Enqueue(e.Data); };
        console.Process.BeginOutputReadLine();
        console.Process.BeginErrorReadLine();
        return console;
    }

    /// <summary>The console's address once its banner shows (within two minutes); a console that exits or never opens is killed and its output thrown.</summary>
    public async Task<Uri> WaitForAddressAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (_output.Select(l => Banner().Match(l)).FirstOrDefault(m => m.Success) is { } open) return new Uri(open.Groups[1].Value);
            if (Process.HasExited) break;
            await Task.Delay(200);
        }
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("The console did not start:\n" + Output);
    }

    [GeneratedRegex(@"^\s*Open:\s+(http://127\.0\.0\.1:\d+)")]
    private static partial Regex Banner();
}
