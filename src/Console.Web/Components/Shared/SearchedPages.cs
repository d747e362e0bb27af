using CapacityConsole.Scheduler.Storage;

namespace CapacityConsole.Web.Components.Shared;

/// <summary>
/// A table's rows a page at a time with a search box, both applied where the rows are (the
/// database, or the topology snapshot), so a table's cost does not grow with what it lists (issue 15).
/// A new search starts again at page 1; a page emptied by a change shows the last page instead.
/// </summary>
public sealed class SearchedPages<T>(Func<string?, PageRequest, Task<Page<T>>> read, int size = SearchedPages.Size)
{
    public Page<T>? Page { get; private set; }

    public string? Search { get; set; }

    public IReadOnlyList<T> Items => Page?.Items ?? [];

    /// <summary>True while no search narrows the list (its empty text then says there are none at all).</summary>
    public bool Unfiltered => string.IsNullOrWhiteSpace(Search);

    public Task SearchChangedAsync() => LoadAsync(1);

    public Task GoToAsync(int number) => LoadAsync(number);

    /// <summary>Reads the current page again, after a change.</summary>
    public Task ReloadAsync() => LoadAsync(Page?.Number ?? 1);

    private async Task LoadAsync(int number)
    {
        var search = Unfiltered ? null : Search!.Trim();
        Page = await read(search, new PageRequest(number, size));
        if (Page.Items.Count == 0 && number > 1 && Page.Total > 0) Page = await read(search, new PageRequest(Page.PageCount, size));
    }
}

public static class SearchedPages
{
    /// <summary>Rows per page of the admin tables.</summary>
    public const int Size = 25;
}
