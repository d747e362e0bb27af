using System.Text.Json.Nodes;
using CapacityConsole.EcsEmulator.Protocol;

namespace CapacityConsole.EcsEmulator.Actions;

/// <summary>One ECS API. Validates everything before touching state; errors are thrown as <see cref="EcsError"/>.</summary>
internal interface IEcsAction
{
    string Name { get; }

    /// <summary>The response body without RequestId (the pipeline adds it).</summary>
    JsonObject Execute(EcsRequest request);
}
