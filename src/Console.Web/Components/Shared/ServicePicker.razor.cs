using System.Linq.Expressions;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Storage;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CapacityConsole.Web.Components.Shared;

/// <summary>
/// Picks a service by id, searching the catalogue as one types (name, id, owner team or cost
/// center), optionally only one team's services. Forms bind the id, so their validation applies.
/// </summary>
public partial class ServicePicker
{
    /// <summary>Services offered at once; typing more narrows them.</summary>
    public const int MaxChoices = 20;

    [Inject] private ServiceRepository Services { get; set; } = default!;

    [Parameter] public string? Value { get; set; }
    [Parameter] public EventCallback<string?> ValueChanged { get; set; }
    [Parameter] public Expression<Func<string?>>? For { get; set; }

    /// <summary>Only this team's services; null: every service.</summary>
    [Parameter] public string? OwnerTeam { get; set; }

    [Parameter] public string Label { get; set; } = "Service";
    [Parameter] public string? HelperText { get; set; }
    [Parameter] public Variant Variant { get; set; } = Variant.Outlined;
    [Parameter] public bool Dense { get; set; }
    [Parameter] public string? Style { get; set; }
    [Parameter] public string? TestId { get; set; }

    // What the searches and the chosen value found, for their names; bounded by what one person looks at.
    private readonly Dictionary<string, Service> _known = new(StringComparer.Ordinal);

    protected override async Task OnParametersSetAsync()
    {
        // A value set by the form (its only service, a link) needs its name before anyone searched.
        if (Value is { } id && !_known.ContainsKey(id) && await Services.FindAsync(id) is { } service) _known[id] = service;
    }

    private async Task<IEnumerable<string>> SearchAsync(string? text, CancellationToken ct)
    {
        var page = await Services.PageAsync(string.IsNullOrWhiteSpace(text) ? null : text.Trim(), PageRequest.First(MaxChoices), OwnerTeam, ct);
        foreach (var service in page.Items) _known[service.Id] = service;
        return page.Items.Select(s => s.Id);
    }

    private string? NameOf(string? id) => id is null ? null : _known.TryGetValue(id, out var s) ? s.Name : id;
}
