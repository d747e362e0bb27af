using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR;

namespace CapacityConsole.Web.Hubs;

public static class HubSetup
{
    /// <summary>
    /// The live stream: ConsoleHub (mapped with the endpoints) fed by the notifier through
    /// <see cref="LiveHubBridge"/>, coalesced and paced by <see cref="Scheduler.Live.LiveFanOutOptions"/>.
    /// </summary>
    public static IServiceCollection AddConsoleHubs(this IServiceCollection services)
    {
        // Enums travel by name on the live stream, as in the REST API (SignalR's MessagePack resolver
        // writes enums as strings too). A client picks JSON or the smaller, cheaper MessagePack.
        services.AddSignalR()
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .AddMessagePackProtocol();
        services.AddSingleton<ConsoleHubLifetimeManager>();
        services.AddSingleton<HubLifetimeManager<ConsoleHub>>(sp => sp.GetRequiredService<ConsoleHubLifetimeManager>());
        services.AddSingleton<LiveFanOutInstruments>();
        services.AddHostedService<LiveHubBridge>();
        return services;
    }
}
