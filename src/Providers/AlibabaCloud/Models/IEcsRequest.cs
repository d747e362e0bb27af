namespace CapacityConsole.Providers.AlibabaCloud.Models;

/// <summary>What the client needs from every request model: its action, region, wire form and checks.</summary>
internal interface IEcsRequest
{
    string Action { get; }

    /// <summary>Null for the few region-less actions (DescribeInstanceTypes).</summary>
    string? Region { get; }

    /// <summary>Writes and RunInstances without a ClientToken must never be retried (spec §5).</summary>
    bool Retryable { get; }

    EcsParameters ToParameters();

    /// <summary>Throws <see cref="EcsValidationException"/> naming the wrong field.</summary>
    void Validate();
}
