namespace CapacityConsole.Web.Jobs;

/// <summary>
/// Hangfire's log provider is process-wide (LogProvider.Current) and every Hangfire client object
/// asks it for a logger when built. This one writes to the latest host's logging and, should that
/// host be gone, drops the line instead of throwing ObjectDisposedException into a request.
/// </summary>
internal sealed class HostLogProvider : Hangfire.Logging.ILogProvider
{
    public static readonly HostLogProvider Instance = new();
    private volatile ILoggerFactory? _factory;

    public void Use(ILoggerFactory factory) => _factory = factory;

    public Hangfire.Logging.ILog GetLogger(string name) => new HostLog(this, name);

    private sealed class HostLog(HostLogProvider provider, string name) : Hangfire.Logging.ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            var factory = provider._factory;
            if (factory is null) return false;
            ILogger logger;
            try { logger = factory.CreateLogger(name); }
            catch (ObjectDisposedException) { return false; }
            var level = logLevel switch
            {
                Hangfire.Logging.LogLevel.Trace => LogLevel.Trace,
                Hangfire.Logging.LogLevel.Debug => LogLevel.Debug,
                Hangfire.Logging.LogLevel.Info => LogLevel.Information,
                Hangfire.Logging.LogLevel.Warn => LogLevel.Warning,
                Hangfire.Logging.LogLevel.Error => LogLevel.Error,
                _ => LogLevel.Critical,
            };
            if (!logger.IsEnabled(level)) return false;
            if (messageFunc is null) return true;
            logger.Log(level, 0, messageFunc(), exception, static (m, _) => m);
            return true;
        }
    }
}
