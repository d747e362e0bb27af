using System.ComponentModel.DataAnnotations;
using System.Net;

namespace CapacityConsole.Web.Metrics;

/// <summary>Who may scrape /metrics without a session. Admins signed in may scrape from anywhere.</summary>
public sealed class MetricsOptions : IValidatableObject
{
    public const string SectionName = "Metrics";

    /// <summary>CIDR networks allowed to scrape; loopback only by default (Prometheus on the same host or a sidecar).</summary>
    public List<string> AllowedNetworks { get; set; } = ["127.0.0.0/8", "::1/128"];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var network in AllowedNetworks)
            if (!IPNetwork.TryParse(network, out _))
                yield return new ValidationResult($"Metrics:AllowedNetworks '{network}' is not a CIDR network such as 10.0.0.0/8.",
                    [nameof(AllowedNetworks)]);
    }

    public bool Allows(IPAddress? address)
    {
        if (address is null) return false;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return AllowedNetworks.Select(IPNetwork.Parse).Any(n => n.Contains(address));
    }
}
