using CapacityConsole.EcsEmulator.Actions;
using CapacityConsole.EcsEmulator.Faults;
using CapacityConsole.EcsEmulator.RateLimiting;
using CapacityConsole.EcsEmulator.Signing;
using CapacityConsole.EcsEmulator.State;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CapacityConsole.EcsEmulator.Protocol;

/// <summary>
/// One call, in the order a real gateway would apply: parse → authenticate → find the action →
/// flow control → injected faults → the action. Every refusal happens before the action touches state.
/// </summary>
internal sealed partial class EcsPipeline(
    Authenticator authenticator,
    ApiRateLimiter rateLimiter,
    EmulatorFaults faults,
    EmulatorRandom random,
    IEnumerable<IEcsAction> actions,
    TimeProvider time,
    ILogger<EcsPipeline> logger)
{
    private readonly Dictionary<string, IEcsAction> _actions = actions.ToDictionary(a => a.Name, StringComparer.Ordinal);

    public async Task HandleAsync(HttpContext ctx)
    {
        var requestId = Guid.NewGuid().ToString("D").ToUpperInvariant();
        var action = "";
        try
        {
            var request = await RequestReader.ReadAsync(ctx);
            requestId = request.RequestId;
            authenticator.Authenticate(request);
            action = request.Action;
            var handler = _actions.GetValueOrDefault(request.Action)
                ?? throw new EcsError(404, "InvalidAction.NotFound", $"Specified api '{request.Action}' is not found.");
            rateLimiter.Acquire(request);
            if (faults.LatencyOf(request.Action) is var latency && latency > TimeSpan.Zero) await Task.Delay(latency, time, ctx.RequestAborted);
            if (faults.Next(request.Action, random.Dice) is { } fault)
            {
                if (fault.Drop) { ctx.Abort(); return; }
                throw new EcsError(fault.Status, fault.Code, "The request has failed due to a temporary failure of the server (injected fault).");
            }
            var body = handler.Execute(request);
            LogAnswered(request.Action, 200, "OK");
            await ResponseWriter.WriteAsync(ctx, requestId, body);
        }
        catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
        {
            // The caller gave up (its timeout); there is nobody left to answer.
        }
        catch (EcsError error)
        {
            LogAnswered(action, error.Status, error.Code);
            await ResponseWriter.WriteErrorAsync(ctx, requestId, error);
        }
    }

    // Only action and code: messages may echo a string-to-sign, which is nobody's business in a log.
    [LoggerMessage(Level = LogLevel.Debug, Message = "ECS emulator {Action}: {Status} {Code}")]
    private partial void LogAnswered(string action, int status, string code);
}
