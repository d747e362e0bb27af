using System.Globalization;

namespace CapacityConsole.Providers.AlibabaCloud.Models;

/// <summary>
/// The flat wire form of a request (spec §3.0): lists 1-based (InstanceId.1), objects by dots
/// (Tag.1.Key), numbers and booleans in invariant culture. Null values are simply not sent.
/// </summary>
public sealed class EcsParameters : Dictionary<string, string>
{
    public EcsParameters() : base(StringComparer.Ordinal) { }

    public EcsParameters Set(string name, string? value)
    {
        if (value is not null) this[name] = value;
        return this;
    }

    public EcsParameters Set(string name, int? value) =>
        Set(name, value?.ToString(CultureInfo.InvariantCulture));

    // ECS documents lowercase true/false; the SDK sends True/False. Lowercase is the documented form.
    public EcsParameters Set(string name, bool? value) => Set(name, value is null ? null : value.Value ? "true" : "false");

    public EcsParameters SetList(string name, IReadOnlyList<string>? values)
    {
        for (var i = 0; values is not null && i < values.Count; i++) this[$"{name}.{i + 1}"] = values[i];
        return this;
    }

    public EcsParameters SetTags(IReadOnlyList<(string Key, string? Value)>? tags)
    {
        for (var i = 0; tags is not null && i < tags.Count; i++)
        {
            this[$"Tag.{i + 1}.Key"] = tags[i].Key;
            if (tags[i].Value is { } v) this[$"Tag.{i + 1}.Value"] = v;
        }
        return this;
    }
}
