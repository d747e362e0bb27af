using CapacityConsole.Scheduler.Reconciliation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Web.Testing;

/// <summary>
/// Test-only clock hook (Testing:ClockHook=true, Development only): the console's TimeProvider
/// becomes a <see cref="ShiftedTimeProvider"/>, and POST /testing/clock/advance?minutes=N moves it
/// forward, then runs the reconciler once so jobs that became due (pre-warm, release) are enqueued
/// at once instead of at the next minutely pass.
/// </summary>
public static class ClockHook
{
    public const string Path = "/testing/clock/advance";

    public static WebApplicationBuilder AddTestingHooks(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TestingOptions>().BindConfiguration(TestingOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TestingOptions>, TestingOptionsValidator>();
        if (builder.Configuration.GetValue<bool>($"{TestingOptions.SectionName}:{nameof(TestingOptions.ClockHook)}"))
        {
            builder.Services.AddSingleton<ShiftedTimeProvider>();
            builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(sp => sp.GetRequiredService<ShiftedTimeProvider>()));
        }
        return builder;
    }

    public static IEndpointRouteBuilder MapTestingHooks(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<TestingOptions>>().Value.ClockHook) return app;
        app.MapPost(Path, AdvanceAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    public sealed record ClockAdvanced(DateTimeOffset Now, TimeSpan Offset, ReconcileReport Reconciled);

    private static async Task<Results<Ok<ClockAdvanced>, ValidationProblem, ProblemHttpResult>> AdvanceAsync(
        int? minutes, HttpContext http, ShiftedTimeProvider clock, Reconciler reconciler, CancellationToken ct)
    {
        // Loopback only: the tests run on the same machine; nobody else may move the clock.
        if (http.Connection.RemoteIpAddress is not { } ip || !System.Net.IPAddress.IsLoopback(ip))
            return TypedResults.Problem("The clock hook answers loopback callers only.", statusCode: StatusCodes.Status403Forbidden);
        if (minutes is not (>= 1 and <= 10_080))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["minutes"] = ["minutes must be a whole number from 1 to 10080 (7 days)."],
            });
        clock.Advance(TimeSpan.FromMinutes(minutes.Value));
        var report = await reconciler.ReconcileAsync(ct);
        return TypedResults.Ok(new ClockAdvanced(clock.GetUtcNow(), clock.Offset, report));
    }
}
