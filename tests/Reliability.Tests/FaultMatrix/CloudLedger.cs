using System.Text.Json;
using System.Text.RegularExpressions;

namespace CapacityConsole.Reliability.Tests.FaultMatrix;

/// <summary>
/// The emulated cloud's own record, read from its state file (written within a second of a change):
/// the instances it holds per request tag, and every instance it ever created (the RunInstances
/// answers it remembers per ClientToken).
/// </summary>
public static partial class CloudLedger
{
    public sealed record Snapshot(IReadOnlyDictionary<string, string?> Held, IReadOnlySet<string> EverCreated)
    {
        public IReadOnlyList<string> HeldFor(Guid request) =>
            Held.Where(h => h.Value == request.ToString("D")).Select(h => h.Key).Order(StringComparer.Ordinal).ToList();
    }

    public static Snapshot Read(string stateFile)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var state = JsonDocument.Parse(File.ReadAllText(stateFile));
                var held = state.RootElement.GetProperty("Instances").EnumerateObject().ToDictionary(
                    i => i.Name,
                    i => i.Value.GetProperty("Tags").EnumerateArray()
                        .Where(t => t.GetProperty("Key").GetString() == "capacity-console:request")
                        .Select(t => t.GetProperty("Value").GetString()).FirstOrDefault(),
                    StringComparer.Ordinal);
                var created = new HashSet<string>(StringComparer.Ordinal);
                foreach (var token in state.RootElement.GetProperty("ClientTokens").EnumerateObject())
                    if (token.Name.StartsWith("RunInstances|", StringComparison.Ordinal))
                        foreach (Match m in InstanceId().Matches(token.Value.GetProperty("ResponseJson").GetString() ?? ""))
                            created.Add(m.Value);
                return new Snapshot(held, created);
            }
            catch (Exception e) when (e is IOException or JsonException && attempt < 20)
            {
                Thread.Sleep(100); // replaced by a rename mid-read
            }
        }
    }

    /// <summary>Removes instances from the state file while no emulator runs: deleted by hand, outside the console.</summary>
    public static void DeleteOutOfBand(string stateFile, IReadOnlyCollection<string> ids)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(stateFile))!;
        var instances = root["Instances"]!.AsObject();
        foreach (var id in ids) Assert.True(instances.Remove(id), $"{id} is not in the emulator's state");
        File.WriteAllText(stateFile, root.ToJsonString());
    }

    /// <summary>
    /// Instance ids the reconciler's log says it released as leaks, each with the time of that log
    /// entry (the console logs UTC "HH:mm:ss.fff" timestamps on the entry's first line).
    /// </summary>
    public static IReadOnlyList<(string Id, TimeSpan TimeOfDay)> ReleasedAsLeaks(string consoleOutput)
    {
        var released = new List<(string, TimeSpan)>();
        var at = TimeSpan.Zero;
        foreach (var line in consoleOutput.Split('\n'))
        {
            if (Timestamp().Match(line) is { Success: true } t) at = TimeSpan.ParseExact(t.Groups[1].Value, @"hh\:mm\:ss\.fff", System.Globalization.CultureInfo.InvariantCulture);
            if (line.Contains("Reconciler released", StringComparison.Ordinal) && line.Contains("leaked", StringComparison.Ordinal))
                released.AddRange(InstanceId().Matches(line).Select(m => (m.Value, at)));
        }
        return released;
    }

    [GeneratedRegex(@"^(\d\d:\d\d:\d\d\.\d{3}) ")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"\bi-[0-9a-z]{20}\b")]
    private static partial Regex InstanceId();
}
