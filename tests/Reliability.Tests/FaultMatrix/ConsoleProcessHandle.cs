using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using CapacityConsole.Testing;

namespace CapacityConsole.Reliability.Tests.FaultMatrix;

/// <summary>
/// The built console as its own process on the embedded default (SQLite and the ECS emulator with its
/// state file, both in one data folder), so a test can kill it with SIGKILL and start it again.
/// </summary>
public sealed partial class ConsoleProcessHandle : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ConsoleProcessHandle(Process process) => _process = process;

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");
    public string Output { get { lock (_output) return _output.ToString(); } }

    public static async Task<ConsoleProcessHandle> StartAsync(string dataFolder, params string[] settings)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dataFolder };
        foreach (var a in new[] { AppPath(), "--urls", "http://127.0.0.1:0", $"--Storage:DataDirectory={dataFolder}", "--Demo:Password=fault-matrix",
                     "--Testing:ClockHook=true" }.Concat(settings))
            start.ArgumentList.Add(a);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        var handle = new ConsoleProcessHandle(Process.Start(start)!);
        handle._process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (handle._output) handle._output.AppendLine(e.Data); };
        handle._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (handle._output) handle._output.AppendLine(e.Data); };
        handle._process.BeginOutputReadLine();
        handle._process.BeginErrorReadLine();
        for (var waited = 0; waited < 600; waited++)
        {
            if (Banner().Match(handle.Output) is { Success: true } open) { handle.BaseUrl = new Uri(open.Groups[1].Value + "/"); return handle; }
            if (handle._process.HasExited) throw new InvalidOperationException($"The console exited at start:\n{handle.Output}");
            await Task.Delay(100);
        }
        await handle.DisposeAsync();
        throw new TimeoutException($"The console did not start within 60 s:\n{handle.Output}");
    }

    /// <summary>Moves the console's clock (test-only hook), which also runs one reconciler pass.</summary>
    public async Task AdvanceClockAsync(int minutes)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl };
        var response = await http.PostAsync($"/testing/clock/advance?minutes={minutes}", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>kill -9: no shutdown code runs, nothing is flushed.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private static string AppPath() => BuiltApp.PathOf("Console.Web", "CapacityConsole.Web.dll");

    [GeneratedRegex(@"^\s*Open:\s+(http://127\.0\.0\.1:\d+)", RegexOptions.Multiline)]
    private static partial Regex Banner();
}
