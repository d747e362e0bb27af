namespace CapacityConsole.Scheduler.Storage;

/// <summary>
/// Which page of a list to read: 1-based <see cref="Number"/>, <see cref="Size"/> rows. Lists are
/// always read a page at a time (issue 16: pages that loaded every row grew to megabytes of HTML).
/// Inside the console a size above <see cref="MaxSize"/> is cut to the largest page and
/// <see cref="Page{T}.SizeLimited"/> says so; a caller who named the size explicitly (the API's
/// pageSize) validates with <c>refuseOversize</c> and gets a 400 instead (issue 15).
/// </summary>
public readonly record struct PageRequest(int Number, int Size)
{
    /// <summary>The largest page any list hands out, to a page or to the API.</summary>
    public const int MaxSize = 500;

    public const int DefaultSize = 50;

    /// <summary>
    /// How far a list counts and pages: totals are exact up to this many rows and "at least" beyond,
    /// and pages start within the first this-many rows. It keeps every list call under a fixed number
    /// of rows read whatever the table holds (issue 15: 100,000 audit events; a COUNT(*) or an OFFSET
    /// over one hot request's trail grew with it). The same trade Elasticsearch makes with
    /// track_total_hits and max_result_window; a reader narrows the filter to reach further.
    /// </summary>
    public const int CountLimit = 10_000;

    public static PageRequest First(int size = DefaultSize) => new(1, size);

    /// <summary>The size actually read: at most <see cref="MaxSize"/>.</summary>
    public int EffectiveSize => Math.Min(Size, MaxSize);

    public int Offset => (Number - 1) * EffectiveSize;

    /// <summary>
    /// Page numbers start at 1 and sizes at 1; anything else is bad input, named by field. With
    /// <paramref name="refuseOversize"/> a size above <see cref="MaxSize"/> is bad input too.
    /// </summary>
    public IReadOnlyDictionary<string, string[]> Validate(bool refuseOversize = false)
    {
        var errors = new Dictionary<string, string[]>();
        if (Number < 1) errors["page"] = ["Pages are numbered from 1."];
        else if ((long)(Number - 1) * EffectiveSize >= CountLimit)
            errors["page"] = [$"Only the first {CountLimit:N0} rows of a list are paged to (page {LastPage(EffectiveSize):N0} at {EffectiveSize:N0} rows a page); narrow the filter to reach the others."];
        if (Size < 1 || (refuseOversize && Size > MaxSize))
            errors["pageSize"] = [$"A page holds 1 to {MaxSize} rows (the maximum pageSize is {MaxSize}); {Size:N0} was asked for."];
        return errors;
    }

    /// <summary>The last page a list can be read to at <paramref name="size"/> rows a page (see <see cref="CountLimit"/>).</summary>
    public static int LastPage(int size) => (CountLimit + Math.Clamp(size, 1, MaxSize) - 1) / Math.Clamp(size, 1, MaxSize);

    public void EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0) throw new DomainValidationException(errors);
    }
}

/// <summary>Where a page is within its list, whatever it holds (for pagers).</summary>
public interface IPageInfo
{
    int Number { get; }
    int Size { get; }
    long Total { get; }
    /// <summary>True when the list holds more than <see cref="PageRequest.CountLimit"/> rows and <see cref="Total"/> is that limit.</summary>
    bool TotalIsLowerBound { get; }
    int PageCount { get; }
}

/// <summary>One page of a list, with the total the filter matches so the reader can page on.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Number, int Size, long Total, int RequestedSize, bool TotalIsLowerBound = false) : IPageInfo
{
    /// <summary>True when more rows were asked for than <see cref="PageRequest.MaxSize"/>.</summary>
    public bool SizeLimited => RequestedSize > Size;

    public int PageCount => Total == 0 ? 1 : (int)((Total + Size - 1) / Size);

    /// <summary>What a reader is told when the page was cut to the maximum.</summary>
    public string? Notice => SizeLimited
        ? $"{RequestedSize:N0} rows were asked for; a page holds at most {Size:N0}, so this is page {Number} of {PageCount:N0} with up to {Size:N0} rows."
        : null;

    /// <summary>A page with the total a <see cref="PageCount.CountedSql"/> query counted: past <see cref="PageRequest.CountLimit"/> it is a lower bound.</summary>
    public static Page<T> Of(IReadOnlyList<T> items, PageRequest request, long counted) =>
        new(items, request.Number, request.EffectiveSize, Math.Min(counted, PageRequest.CountLimit), request.Size, counted > PageRequest.CountLimit);

    /// <summary>A page of a list already in memory (the topology snapshot's offerings), counted exactly.</summary>
    public static Page<T> Slice(IReadOnlyList<T> all, PageRequest request)
    {
        request.EnsureValid();
        return new([.. all.Skip(request.Offset).Take(request.EffectiveSize)], request.Number, request.EffectiveSize, all.Count, request.Size);
    }

    public Page<TOut> Map<TOut>(Func<T, TOut> map) => new(Items.Select(map).ToList(), Number, Size, Total, RequestedSize, TotalIsLowerBound);
}

/// <summary>The count half of a paged list, bounded like its pages.</summary>
public static class PageCount
{
    /// <summary>
    /// Counts the rows of <paramref name="fromWhere"/> ("table WHERE …") up to one past
    /// <see cref="PageRequest.CountLimit"/>, so a count reads at most that many index entries.
    /// </summary>
    public static string CountedSql(string fromWhere) =>
        $"SELECT COUNT(*) FROM (SELECT 1 FROM {fromWhere} LIMIT {PageRequest.CountLimit + 1}) counted";
}
