using CapacityConsole.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace CapacityConsole.Web.Hubs;

/// <summary>
/// The live stream for automation: clients join groups per internal zone or per request and
/// receive only those updates. Pushes go through IHubContext from the notifier.
/// </summary>
[Authorize(Policy = Policies.Viewer)]
public sealed class ConsoleHub : Hub<IConsoleClient>
{
    public const string Path = "/hubs/console";

    public static string ZoneGroup(string internalZoneId) => $"zone:{internalZoneId}";
    public static string RequestGroup(Guid requestId) => $"request:{requestId:D}";

    public Task SubscribeZone(string internalZoneId) =>
        Groups.AddToGroupAsync(Context.ConnectionId, ZoneGroup(internalZoneId));

    public Task UnsubscribeZone(string internalZoneId) =>
        Groups.RemoveFromGroupAsync(Context.ConnectionId, ZoneGroup(internalZoneId));

    public Task SubscribeRequest(Guid requestId) =>
        Groups.AddToGroupAsync(Context.ConnectionId, RequestGroup(requestId));

    public Task UnsubscribeRequest(Guid requestId) =>
        Groups.RemoveFromGroupAsync(Context.ConnectionId, RequestGroup(requestId));
}
