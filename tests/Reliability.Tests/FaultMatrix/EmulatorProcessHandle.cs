using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CapacityConsole.Testing;

namespace CapacityConsole.Reliability.Tests.FaultMatrix;

/// <summary>
/// The ECS emulator as its own process (src/EcsEmulator, standalone) on a fixed loopback port with a
/// state file and fixed credentials, so it can be killed with SIGKILL and started again as the same cloud.
/// </summary>
public sealed class EmulatorProcessHandle : IAsyncDisposable
{
    public const string AccessKeyId = "FAULTMATRIXAK";
    public const string AccessKeySecret = "fault-matrix-secret-0123456789";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private EmulatorProcessHandle(Process process) => _process = process;

    public string Output { get { lock (_output) return _output.ToString(); } }

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public static async Task<EmulatorProcessHandle> StartAsync(int port, string stateFile, IEnumerable<string> settings)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(stateFile)! };
        foreach (var a in new[] { BuiltApp.PathOf("EcsEmulator", "CapacityConsole.EcsEmulator.dll"), "--urls", $"http://127.0.0.1:{port}", $"--EcsEmulator:StateFile={stateFile}" }
                     .Concat(settings))
            start.ArgumentList.Add(a);
        start.Environment["ALIBABA_CLOUD_ACCESS_KEY_ID"] = AccessKeyId;
        start.Environment["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = AccessKeySecret;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var handle = new EmulatorProcessHandle(Process.Start(start)!);
        handle._process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (handle._output) handle._output.AppendLine(e.Data); };
        handle._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (handle._output) handle._output.AppendLine(e.Data); };
        handle._process.BeginOutputReadLine();
        handle._process.BeginErrorReadLine();
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (handle.Output.Contains("ECS emulator on", StringComparison.Ordinal)) return handle;
            if (handle._process.HasExited) throw new InvalidOperationException($"The emulator exited at start:\n{handle.Output}");
            await Task.Delay(100);
        }
        await handle.DisposeAsync();
        throw new TimeoutException($"The emulator did not start within 60 s:\n{handle.Output}");
    }

    /// <summary>kill -9: its last second of changes may be lost, as after a real crash.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>A restart by its operator (SIGTERM): the emulator saves its state file on the way out; returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (_process.HasExited) return _process.ExitCode;
        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await term.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
