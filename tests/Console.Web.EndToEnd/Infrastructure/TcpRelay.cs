using System.Net;
using System.Net.Sockets;

namespace CapacityConsole.Web.EndToEnd.Infrastructure;

/// <summary>
/// A loopback TCP relay in front of the console, so a test can cut the browser's connections (the
/// Blazor circuit's WebSocket among them) and refuse new ones for a while, as a flaky network would,
/// while the console itself keeps running.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly List<TcpClient> _open = [];
    private readonly CancellationTokenSource _stop = new();
    private TcpListener _listener;
    private Task _accepting;

    public Uri BaseUrl { get; }

    public TcpRelay(Uri target)
    {
        _target = new IPEndPoint(IPAddress.Loopback, target.Port);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        _accepting = AcceptAsync(_listener);
    }

    /// <summary>Closes every relayed connection and refuses new ones until <see cref="Resume"/>.</summary>
    public async Task CutAsync()
    {
        _listener.Stop();
        await _accepting;
        lock (_open)
        {
            foreach (var c in _open) c.Dispose();
            _open.Clear();
        }
    }

    /// <summary>Accepts again on the same port.</summary>
    public void Resume()
    {
        _listener = new TcpListener(IPAddress.Loopback, BaseUrl.Port);
        _listener.Start();
        _accepting = AcceptAsync(_listener);
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException) { return; }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        var upstream = new TcpClient();
        lock (_open) { _open.Add(client); _open.Add(upstream); }
        try
        {
            await upstream.ConnectAsync(_target, _stop.Token);
            var a = client.GetStream().CopyToAsync(upstream.GetStream(), _stop.Token);
            var b = upstream.GetStream().CopyToAsync(client.GetStream(), _stop.Token);
            await Task.WhenAny(a, b);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException) { }
        finally
        {
            client.Dispose();
            upstream.Dispose();
            lock (_open) { _open.Remove(client); _open.Remove(upstream); }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await CutAsync();
        _stop.Dispose();
    }
}
