using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CapacityConsole.Testing;

namespace CapacityConsole.Web.EndToEnd.Infrastructure;

/// <summary>
/// The real console as its own process on a loopback port of its own choosing (port 0; the address is
/// read from its start-up banner, so no other process can take the port between choosing and binding —
/// that race failed a CI-like run): a fresh SQLite data folder, the
/// demo seed with a known password, the test-only clock hook, the Development environment (static
/// web assets come from the build output there).
/// </summary>
public sealed class ConsoleServer : IAsyncDisposable
{
    public const string DemoPassword = "e2e-demo-password";

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _dataDirectory;

    /// <summary>Where the console serves; known once its start-up banner is printed.</summary>
    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");
    public string Output { get { lock (_output) return _output.ToString(); } }

    private ConsoleServer(Process process, string dataDirectory)
    {
        (_process, _dataDirectory) = (process, dataDirectory);
    }

    public static Task<ConsoleServer> StartAsync(bool clockHook = true) => StartAsync(new ConsoleLaunch(clockHook));

    /// <summary>Starts with the given storage, provider endpoint and extra settings (the two-instance tests).</summary>
    public static async Task<ConsoleServer> StartAsync(ConsoleLaunch launch)
    {
        var server = Launch(launch, "Development");
        try { await server.WaitUntilServingAsync(); }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    /// <summary>Starts the console expecting it to refuse to start; returns its exit code and output.</summary>
    public static Task<(int ExitCode, string Output)> RunExpectingFailureAsync(bool clockHook, string environment) =>
        RunExpectingFailureAsync(new ConsoleLaunch(clockHook), environment);

    public static async Task<(int ExitCode, string Output)> RunExpectingFailureAsync(ConsoleLaunch launch, string environment = "Development")
    {
        await using var server = Launch(launch, environment);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await server._process.WaitForExitAsync(timeout.Token);
        server._process.WaitForExit(); // drains the redirected output
        return (server._process.ExitCode, server.Output);
    }

    private static ConsoleServer Launch(ConsoleLaunch launch, string environment)
    {
        var clockHook = launch.ClockHook;
        var data = Directory.CreateTempSubdirectory("cc-e2e-").FullName;
        var dll = ConsoleDll();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     dll, "--urls", "http://127.0.0.1:0", $"--Storage:DataDirectory={data}", $"--Demo:Password={DemoPassword}",
                     $"--Testing:ClockHook={(clockHook ? "true" : "false")}", "--Demo:FlashSale=false",
                     // Open circuits re-check their session every second, so a test sees a revoked session drop at once.
                     "--SignIn:RevalidationInterval=00:00:01",
                 })
            info.ArgumentList.Add(arg);
        foreach (var arg in launch.Arguments()) info.ArgumentList.Add(arg);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        info.Environment["DOTNET_ENVIRONMENT"] = environment;
        foreach (var (name, value) in launch.Environment ?? new Dictionary<string, string>()) info.Environment[name] = value;

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the console.");
        var server = new ConsoleServer(process, data);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Moves the console's clock forward through the test-only hook (which then runs the reconciler once).</summary>
    public async Task AdvanceClockAsync(int minutes)
    {
        var response = await PostClockAsync(minutes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Clock hook answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public async Task<HttpResponseMessage> PostClockAsync(string minutes)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl };
        return await http.PostAsync($"/testing/clock/advance?minutes={Uri.EscapeDataString(minutes)}", null);
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private async Task WaitUntilServingAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The console exited with {_process.ExitCode}:\n{Output}");
            if (Banner.Match(Output) is { Success: true } open)
            {
                BaseUrl = new Uri(open.Groups[1].Value);
                using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
                try
                {
                    var response = await http.GetAsync("/signin");
                    if (response.StatusCode == HttpStatusCode.OK) return;
                }
                catch (HttpRequestException) { }
                catch (TaskCanceledException) { }
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The console did not serve /signin within 2 minutes:\n{Output}");
    }

    /// <summary>The banner's "Open:" line (see StartupBanner) names the address the server bound.</summary>
    private static readonly Regex Banner = new(@"^\s*Open:\s+(http://127\.0\.0\.1:\d+)", RegexOptions.Multiline);

    /// <summary>The console built next to this test project (same configuration).</summary>
    private static string ConsoleDll() => BuiltApp.PathOf("Console.Web", "CapacityConsole.Web.dll");

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        // What the console printed, next to the screenshots: the first thing to read when a browser
        // test waited in vain (the process is gone once the test ends).
        var logs = Path.Combine(new Screenshots().Folder, "console-logs");
        Directory.CreateDirectory(logs);
        await File.WriteAllTextAsync(Path.Combine(logs, $"console-{BaseUrl.Port}-{DateTime.UtcNow:HHmmssfff}.log"), Output);
        try { Directory.Delete(_dataDirectory, recursive: true); }
        catch (IOException) { } // a file the killed process held open; the temp folder is cleaned by the OS
    }
}
